// The import page's first look at a file reads it with the server's own CSV parser: quoted
// commas and line breaks, a BOM, a cut-off last line left out, and a malformed file named with
// its line, as the upload would name it.
import { describe, expect, it } from 'vitest';
import { previewCsv, valuesOf } from '../../client/dashboard/imports/csv-preview.js';
import { CsvError } from '../../server/imports/csv.js';

describe('the CSV preview', () => {
  it('reads columns and rows as the server does, quoted fields and BOM included', async () => {
    const file = new Blob(['\uFEFFid,arm,"note, with comma"\r\n1,a,"two\nlines"\n\n2,b,"say ""hi"""\n']);
    const preview = await previewCsv(file);
    expect(preview.columns).toEqual(['id', 'arm', 'note, with comma']);
    expect(preview.rows).toEqual([
      ['1', 'a', 'two\nlines'],
      ['2', 'b', 'say "hi"'],
    ]);
    expect(valuesOf(preview, 'arm')).toEqual(['a', 'b']);
    expect(valuesOf(preview, 'missing')).toEqual([]);
  });

  it('leaves out a last line cut off by the preview\'s byte limit', async () => {
    const header = 'id,arm\n';
    const row = '123456,control\n';
    const text = header + row.repeat(Math.ceil((256 * 1024) / row.length) + 10);
    const preview = await previewCsv(new Blob([text]));
    expect(preview.rows.every((cells) => cells.length === 2 && cells[1] === 'control')).toBe(true);
    expect(preview.rows.length).toBeLessThan(text.split('\n').length - 2);
  });

  it('names a malformed file\'s line, as the upload would', async () => {
    const attempt = previewCsv(new Blob(['id,arm\n1,a\n2,"b\n']));
    await expect(attempt).rejects.toBeInstanceOf(CsvError);
    await expect(previewCsv(new Blob(['id,arm\n1,a\n2,"b\n']))).rejects.toThrow(/line 3: a quoted field is never closed/);
  });
});
