// Segment cells: one canonical text per combination of levels, decoded back to the same levels.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCell, encodeCell } from '../../server/segments/cell.js';

describe('segment cells', () => {
  it('encodes names sorted, each part URI-encoded, and nothing for no levels', () => {
    expect(encodeCell({ visit: 'new', device: 'mobile', source: 'search' })).toBe('device=mobile&source=search&visit=new');
    expect(encodeCell({ 'zip code': 'Surburban & co', newbie: '1' })).toBe('newbie=1&zip%20code=Surburban%20%26%20co');
    expect(encodeCell({})).toBe('');
    expect(decodeCell('')).toEqual({});
  });

  it('decodes any levels back to what was encoded, whatever their order or characters', () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(fc.dictionary(text, text, { maxKeys: 4, noNullPrototype: true }), (levels) => {
        const cell = encodeCell(levels);
        expect(decodeCell(cell)).toEqual(levels);
        // Canonical: the same levels in another order give the same cell.
        expect(encodeCell(Object.fromEntries(Object.entries(levels).reverse()))).toBe(cell);
      }),
    );
  });
});
