// A streaming CSV reader (RFC 4180): quoted fields with doubled quotes, commas and line breaks
// inside quotes, CRLF or LF line ends, a UTF-8 byte order mark. Text goes in by chunks of any
// size and whole records come out with the line they start on, so an error can name it.
import { isStorableText, UNSTORABLE_MESSAGE } from '../http/text-rule.js';

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

export interface CsvRecord {
  /** The physical line (1-based) the record starts on. */
  line: number;
  fields: string[];
}

export const CSV_LIMITS = { fieldChars: 65_536, fields: 1_000 } as const;

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: a doubled quote, or the field's end. */
  QuoteSeen,
  /** A CR ended the record; an LF right after it belongs to it. */
  AfterCr,
}

export class CsvParser {
  private state = State.FieldStart;
  private field = '';
  private quoted = false;
  private fields: string[] = [];
  private line = 1;
  private recordLine = 1;
  private started = false;

  get currentLine(): number {
    return this.line;
  }

  /** Parses the next piece of text; returns the records it completed. */
  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case State.AfterCr:
          this.state = State.FieldStart;
          if (c === LF) i++;
          break;
        case State.FieldStart:
          if (c === QUOTE) {
            this.state = State.Quoted;
            this.quoted = true;
            i++;
          } else {
            this.state = State.Unquoted;
          }
          break;
        case State.Unquoted: {
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === COMMA || d === CR || d === LF) break;
            j++;
          }
          this.append(text.slice(i, j));
          i = j;
          if (j < n) i = this.delimiter(text.charCodeAt(j), i, out);
          break;
        }
        case State.Quoted: {
          const j = text.indexOf('"', i);
          const segment = j < 0 ? text.slice(i) : text.slice(i, j);
          for (let k = segment.indexOf('\n'); k >= 0; k = segment.indexOf('\n', k + 1)) this.line++;
          this.append(segment);
          if (j < 0) i = n;
          else {
            this.state = State.QuoteSeen;
            i = j + 1;
          }
          break;
        }
        case State.QuoteSeen:
          if (c === QUOTE) {
            this.append('"');
            this.state = State.Quoted;
            i++;
          } else if (c === COMMA || c === CR || c === LF) {
            i = this.delimiter(c, i, out);
          } else {
            throw new CsvError(`a quoted field must end at a comma or the end of the line, but ${JSON.stringify(text[i])} follows its closing quote`, this.line);
          }
          break;
      }
    }
    return out;
  }

  /** Ends the text: returns the last record if it had no line break after it. */
  end(): CsvRecord[] {
    if (this.state === State.Quoted) throw new CsvError('a quoted field is never closed', this.recordLine);
    if (this.state === State.AfterCr || (this.state === State.FieldStart && this.fields.length === 0)) return [];
    const out: CsvRecord[] = [];
    this.endRecord(out);
    this.state = State.FieldStart;
    return out;
  }

  private append(text: string): void {
    // Bytes that are not UTF-8 (an encoded lone surrogate) never get here; a NUL does.
    if (!isStorableText(text)) throw new CsvError(`a field ${UNSTORABLE_MESSAGE}`, this.line);
    if (this.field.length + text.length > CSV_LIMITS.fieldChars) {
      throw new CsvError(`a field is over ${CSV_LIMITS.fieldChars.toLocaleString('en')} characters`, this.line);
    }
    this.field += text;
  }

  /** Handles the comma, CR or LF at `i` that ends a field; returns the index after it. */
  private delimiter(c: number, i: number, out: CsvRecord[]): number {
    if (c === COMMA) {
      this.endField();
      this.state = State.FieldStart;
      return i + 1;
    }
    this.endRecord(out);
    this.line++;
    this.recordLine = this.line;
    this.state = c === CR ? State.AfterCr : State.FieldStart;
    return i + 1;
  }

  private endField(): void {
    if (this.fields.length >= CSV_LIMITS.fields) throw new CsvError(`a record has over ${CSV_LIMITS.fields} fields`, this.recordLine);
    this.fields.push(this.field);
    this.field = '';
    this.quoted = false;
  }

  private endRecord(out: CsvRecord[]): void {
    // A blank line (one empty, unquoted field) is no record.
    const blank = this.fields.length === 0 && this.field === '' && !this.quoted;
    this.endField();
    if (!blank) out.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
  }
}

/** Reads CSV records from chunks of UTF-8 bytes (or text), one batch of records per chunk. */
export async function* readCsv(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<CsvRecord[]> {
  const parser = new CsvParser();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new CsvError('the file is not UTF-8 text (an encoded lone surrogate is not UTF-8 either)', lineOfBadByte(parser.currentLine, chunk));
    }
  };
  for await (const chunk of chunks) {
    const records = parser.push(typeof chunk === 'string' ? chunk : decode(chunk));
    if (records.length > 0) yield records;
  }
  const last = [...parser.push(decode()), ...parser.end()];
  if (last.length > 0) yield last;
}

/** The line of the first byte that is not UTF-8: the lines the chunk opens before it. */
function lineOfBadByte(line: number, chunk: Uint8Array | undefined): number {
  if (!chunk) return line;
  const text = new TextDecoder('utf-8').decode(chunk);
  const before = text.slice(0, Math.max(0, text.indexOf('\ufffd')));
  return line + (before.match(/\n/g)?.length ?? 0);
}

/**
 * A whole text at once (the dashboard's preview of a file's start, tests): the records' fields,
 * blank lines left out. Throws CsvError, naming the line, as the streaming reader does.
 */
export function parseCsvText(text: string): string[][] {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()].map((record) => record.fields).filter((fields) => fields.some((field) => field !== ''));
}
