// The snippet's source rules (sent in /v1/config, applied in the browser) on a table of arrivals:
// the first matching rule wins, and the last always matches.
import { describe, expect, it } from 'vitest';
import { classifySource, SNIPPET_SEGMENT_RULES } from '../../server/segments/snippet-rules.js';
import { SOURCES } from '../../server/segments/vocabulary.js';

const PAGE = 'https://shop.example/products/ring';
const cases: Array<[referrer: string, page: string, source: string]> = [
  ['', PAGE, 'direct'],
  ['https://shop.example/collections/all?utm_medium=cpc', PAGE, 'paid'],
  ['https://shop.example/', PAGE, 'direct'],
  ['https://www.google.com/', PAGE, 'search'],
  ['https://www.google.co.uk/', PAGE, 'search'],
  ['https://duckduckgo.com/', PAGE, 'search'],
  ['https://search.yahoo.com/', PAGE, 'search'],
  ['https://notgoogle.com/', PAGE, 'referral'],
  ['https://l.facebook.com/', PAGE, 'social'],
  ['https://t.co/', PAGE, 'social'],
  ['https://x.com/', PAGE, 'social'],
  ['https://box.com/', PAGE, 'referral'],
  ['https://www.instagram.com/', PAGE, 'social'],
  ['https://blog.example/', PAGE, 'referral'],
  ['https://shop.example.evil/', PAGE, 'referral'],
  ['http://127.0.0.1:4000/a', 'http://127.0.0.1:4000/b', 'direct'],
  ['http://127.0.0.1:4000/a', 'http://127.0.0.1:40001/b', 'referral'],
  ['', `${PAGE}?utm_medium=email&utm_source=newsletter`, 'email'],
  ['', `${PAGE}?utm_source=news&utm_medium=E-Mail`, 'email'],
  ['', `${PAGE}?utm_medium=social`, 'social'],
  ['', `${PAGE}?utm_medium=paid_social`, 'paid'],
  ['', `${PAGE}?utm_medium=organic`, 'search'],
  ['https://www.google.com/', `${PAGE}?gclid=Cj0KCQ`, 'paid'],
  ['https://www.facebook.com/', `${PAGE}?fbclid=IwAR`, 'paid'],
  ['https://www.bing.com/', `${PAGE}?msclkid=abc`, 'paid'],
  ['', `${PAGE}?utm_medium=cpc`, 'paid'],
  ['', `${PAGE}?q=gclid`, 'direct'],
  ['', `${PAGE}?ref=mail`, 'direct'],
];

describe('the snippet\'s source rules', () => {
  it.each(cases)('classifies a visit from "%s" to %s as %s', (referrer, page, source) => {
    expect(classifySource(SNIPPET_SEGMENT_RULES, referrer, page)).toBe(source);
  });

  it('names only levels of the closed sets, and ends each list with a rule that always matches', () => {
    expect(SNIPPET_SEGMENT_RULES.sources.map(([level]) => level).sort()).toEqual([...SOURCES].sort());
    expect(SNIPPET_SEGMENT_RULES.sources.at(-1)).toEqual(['direct', '']);
    expect(SNIPPET_SEGMENT_RULES.devices.map(([level]) => level)).toEqual(['mobile', 'tablet', 'desktop']);
    expect(SNIPPET_SEGMENT_RULES.devices.at(-1)).toEqual(['desktop', 'all']);
  });
});
