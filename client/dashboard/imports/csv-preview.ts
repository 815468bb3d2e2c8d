// A first look at a CSV file before it is uploaded: its column names and the values of its first
// rows, so the import form can offer columns and arms to pick from. Reads only the file's start;
// the server reads (and checks) the whole file.
const PREVIEW_BYTES = 256 * 1024;

export interface CsvPreview {
  columns: string[];
  rows: string[][];
}

export async function previewCsv(file: Blob): Promise<CsvPreview> {
  const text = await file.slice(0, PREVIEW_BYTES).text();
  const complete = file.size <= PREVIEW_BYTES;
  // The last line may be cut off part-way: leave it out unless the whole file was read.
  const body = complete ? text : text.slice(0, Math.max(0, text.lastIndexOf('\n')));
  const [header = [], ...rows] = parseCsv(body.replace(/^\uFEFF/, ''));
  return { columns: header.map((name) => name.trim()), rows };
}

/** RFC 4180: fields separated by commas, quoted with ", a doubled "" inside quotes is one ". */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => cells.some((cell) => cell !== ''));
}

/** The distinct values of a column among the previewed rows, in the order they appear. */
export function valuesOf(preview: CsvPreview, column: string, limit = 64): string[] {
  const index = preview.columns.indexOf(column);
  if (index < 0) return [];
  const seen = new Set<string>();
  for (const row of preview.rows) {
    const value = row[index]?.trim();
    if (value) seen.add(value);
    if (seen.size >= limit) break;
  }
  return [...seen];
}
