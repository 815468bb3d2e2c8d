import { describe, expect, it } from 'vitest';
import { etagOf, matchesIfNoneMatch } from '../../server/http/etag.js';

describe('etag helpers', () => {
  it('gives a strong, quoted tag that follows the bytes', () => {
    expect(etagOf('a')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(etagOf('a')).toBe(etagOf('a'));
    expect(etagOf('a')).not.toBe(etagOf('b'));
  });

  it.each([
    [undefined, false],
    ['', false],
    ['*', true],
    [' * ', true],
    ['"x"', true],
    ['W/"x"', true],
    ['"y", W/"x"', true],
    ['"y"', false],
    ['"xx"', false],
  ])('matches If-None-Match %j against "x": %s', (header, expected) => {
    expect(matchesIfNoneMatch(header, '"x"')).toBe(expected);
  });
});
