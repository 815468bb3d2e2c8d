// A first look at a CSV file before it is uploaded: its column names and the values of its first
// rows, so the import form can offer columns and arms to pick from. Reads only the file's start;
// the server reads (and checks) the whole file, with the same parser (server/imports/csv.ts),
// so a file the preview reads is read alike on upload, and a malformed one is named at once.
import { parseCsvText } from '../../../server/imports/csv.js';

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
  const [header = [], ...rows] = parseCsvText(body);
  return { columns: header.map((name) => name.trim()), rows };
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
