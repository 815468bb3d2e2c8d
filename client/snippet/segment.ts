// The visitor's segment, classified here in the browser and sent with each exposure: the device
// class from the viewport and the pointer (never the user agent), and the traffic source from the
// referrer's host and the link's utm_medium or ad click id. The rules come in /v1/config
// (server/segments/snippet-rules.ts); the referrer itself never leaves the page.
import type { Config } from './types.js';

export function segmentProps({ segments }: Config) {
  const text = document.referrer + ' ' + location.href;
  return {
    device: segments.devices.find((rule) => matchMedia(rule[1]).matches)![0],
    source: segments.sources.find((rule) => RegExp(rule[1], 'i').test(text))![0],
  };
}
