// The streaming CSV reader on RFC 4180's edge cases, fed whole and cut into pieces at every
// place, so a record never depends on where a chunk of the file happened to end.
import { describe, expect, it } from 'vitest';
import { CSV_LIMITS, CsvError, CsvParser, readCsv, type CsvRecord } from '../../server/imports/csv.js';

function parseWhole(text: string): CsvRecord[] {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()];
}

/** Parses `text` cut at every position into two chunks, and one character at a time; all must agree. */
function parseEveryWay(text: string): CsvRecord[] {
  const whole = parseWhole(text);
  for (let cut = 0; cut <= text.length; cut++) {
    const parser = new CsvParser();
    expect([...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut)), ...parser.end()], `cut at ${cut}`).toEqual(whole);
  }
  const parser = new CsvParser();
  expect([...[...text].flatMap((char) => parser.push(char)), ...parser.end()], 'one character at a time').toEqual(whole);
  return whole;
}

const fields = (records: CsvRecord[]) => records.map((record) => record.fields);

async function* bytes(...chunks: Array<number[] | string>): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield typeof chunk === 'string' ? new TextEncoder().encode(chunk) : Uint8Array.from(chunk);
}

async function readAll(chunks: AsyncIterable<Uint8Array>): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const batch of readCsv(chunks)) out.push(...batch);
  return out;
}

describe('CsvParser', () => {
  it('reads plain records with LF or CRLF line ends, with or without a final line break', () => {
    for (const text of ['a,b\n1,2\n3,4\n', 'a,b\r\n1,2\r\n3,4\r\n', 'a,b\n1,2\n3,4', 'a,b\r\n1,2\r\n3,4']) {
      expect(fields(parseEveryWay(text)), JSON.stringify(text)).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    }
  });

  it('reads quoted fields with commas, doubled quotes and line breaks inside, and numbers records by their first line', () => {
    const records = parseEveryWay('id,note\r\n1,"Hello, ""world"""\r\n2,"two\r\nlines\nthree"\r\n3,""\r\n');
    expect(fields(records)).toEqual([['id', 'note'], ['1', 'Hello, "world"'], ['2', 'two\r\nlines\nthree'], ['3', '']]);
    expect(records.map((record) => record.line)).toEqual([1, 2, 3, 6]);
  });

  it('keeps empty fields, at the start, in the middle and at the end of a line', () => {
    expect(fields(parseEveryWay(',a,,\n,,,\n'))).toEqual([['', 'a', '', ''], ['', '', '', '']]);
  });

  it('drops a UTF-8 byte order mark before the first field', () => {
    expect(fields(parseEveryWay('\uFEFFuser,arm\n1,a\n'))).toEqual([['user', 'arm'], ['1', 'a']]);
    expect(fields(parseEveryWay('\uFEFF"user",arm\n'))).toEqual([['user', 'arm']]);
  });

  it('skips blank lines but keeps a line holding one empty quoted field', () => {
    const records = parseEveryWay('a\n\n1\r\n\r\n""\n');
    expect(fields(records)).toEqual([['a'], ['1'], ['']]);
    expect(records.map((record) => record.line)).toEqual([1, 3, 5]);
  });

  it('takes a quote inside an unquoted field as a character', () => {
    expect(fields(parseEveryWay('5" screen,ok\n'))).toEqual([['5" screen', 'ok']]);
  });

  it('reads nothing from an empty text', () => {
    expect(parseEveryWay('')).toEqual([]);
    expect(parseEveryWay('\uFEFF')).toEqual([]);
  });

  it('refuses text after a closing quote, naming the line', () => {
    expect(() => parseWhole('a,b\n"x"y,2\n')).toThrow(new CsvError('a quoted field must end at a comma or the end of the line, but "y" follows its closing quote', 2));
  });

  it('refuses a quoted field that is never closed, naming the line it opened on', () => {
    expect(() => parseWhole('a,b\n1,2\n3,"open\nstill open\n')).toThrow(/^line 3: a quoted field is never closed$/);
  });

  it('refuses a field over its length cap instead of reading the rest of the file into it', () => {
    expect(() => parseWhole(`a\n"${'x'.repeat(CSV_LIMITS.fieldChars + 1)}`)).toThrow(/^line 2: a field is over 65,536 characters$/);
  });

  it('refuses a NUL in a field or in the header, quoted or not, naming the line', () => {
    expect(() => parseWhole('a,b\n1,2\n3,x\u0000\n')).toThrow(/^line 3: a field must not hold a NUL character/);
    expect(() => parseWhole('a,"b\u0000"\n1,2\n')).toThrow(/^line 1: a field must not hold a NUL character/);
    expect(() => parseWhole('a,b\n"\u0000",2\n')).toThrow(/^line 2: /);
  });
});

describe('readCsv', () => {
  it('decodes UTF-8 split across chunks, drops the BOM and yields records by batch', async () => {
    const bom = [0xef, 0xbb, 0xbf];
    const records = await readAll(bytes([...bom.slice(0, 2)], [bom[2]!, ...new TextEncoder().encode('name,city\nZoë,Kraków\n').slice(0, 12)], [...new TextEncoder().encode('name,city\nZoë,Kraków\n').slice(12)]));
    expect(fields(records)).toEqual([['name', 'city'], ['Zoë', 'Kraków']]);
  });

  it('refuses bytes that are not UTF-8', async () => {
    await expect(readAll(bytes('a,b\n', [0x31, 0x2c, 0xff, 0x0a]))).rejects.toThrow(/is not UTF-8 text/);
  });

  it('refuses an encoded lone surrogate as not UTF-8, naming the line it is on', async () => {
    await expect(readAll(bytes('a,b\n1,2\n', [0x33, 0x2c, 0xed, 0xa0, 0x80, 0x0a]))).rejects.toThrow(/^line 3: the file is not UTF-8 text/);
    await expect(readAll(bytes([...new TextEncoder().encode('a,b\n1,2\n3,'), 0xed, 0xa0, 0x80]))).rejects.toThrow(/^line 3: /);
  });
});
