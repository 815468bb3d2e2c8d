// How the snippet classifies a visitor's device and traffic source: ordered rules, first match
// wins, sent in /v1/config rather than written into /c.js, where every byte is paid on every page
// view. The browser applies them (the referrer never leaves it); the last rule of each list
// always matches. tests/segments/snippet-rules.test.ts runs them on a table of cases.
import type { Device, Source } from './vocabulary.js';

export interface SnippetSegmentRules {
  /** [level, media query]: matched with matchMedia, from viewport and pointer, never the user agent. */
  devices: Array<[Device, string]>;
  /**
   * [level, pattern]: a case-insensitive RegExp tested on "REFERRER PAGE_URL" (the referrer is
   * empty when there is none; across sites browsers send only its origin).
   */
  sources: Array<[Source, string]>;
}

/** The referrer's host is one of `names` (a subdomain of it too), under any top-level domain. */
const referredBy = (names: string) => `^\\w+://([^/ ]*\\.)?(${names})\\.`;
/** The page's own query; a referrer's was already cut by the browser. */
const medium = (pattern: string) => `[?&]utm_medium=${pattern}`;

export const SNIPPET_SEGMENT_RULES: SnippetSegmentRules = Object.freeze({
  devices: [
    // A touch screen whose shorter side is a phone's, in either orientation. The device's width,
    // not the layout viewport's: a page without a viewport meta tag is laid out 980px wide on phones.
    ['mobile', '(pointer:coarse) and (max-device-width:599px),(pointer:coarse) and (max-device-height:599px)'],
    ['tablet', '(pointer:coarse)'],
    ['desktop', 'all'],
  ],
  sources: [
    // An ad's click id says paid whatever the link's utm tags say.
    ['paid', `[?&](gclid|fbclid|msclkid)=|${medium('(cp[cmv]|ppc|paid|display)')}`],
    ['email', medium('[^& ]*mail')],
    ['social', `${medium('[^& ]*social')}|${referredBy('facebook|instagram|twitter|x|t|linkedin|pinterest|tiktok|reddit|youtube')}co`],
    ['search', `${medium('(organic|search)')}|${referredBy('google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|qwant')}`],
    // A referrer whose host is not the page's own (the backreference compares the two; the "/"
    // after the capture keeps it from backtracking to a prefix of the host).
    ['referral', '^\\w+://([^/ ]+)/\\S* \\w+://(?!\\1/)'],
    ['direct', ''],
  ],
} satisfies SnippetSegmentRules);

/** The snippet's own classification of a source (client/snippet/segment.ts), for the server's tests and tools. */
export function classifySource(rules: SnippetSegmentRules, referrer: string, pageUrl: string): Source {
  const text = `${referrer} ${pageUrl}`;
  return rules.sources.find(([, pattern]) => new RegExp(pattern, 'i').test(text))![0];
}
