// The disclosure designs' markup: the neutral icon, and a video label for its first seconds only
// (a CSS step on a wrapper, so the snippet carries nothing for it). Chromium checks the drawing
// (tests/snippet/timed-label.browser.test.ts); this checks what is sent.
import { describe, expect, it } from 'vitest';
import { creativeHtml } from '../../server/public/creative-html.js';

const image = { type: 'image' as const, url: 'https://cdn.aurum.example/ring.jpg', poster: null, alt: 'A ring', width: null, height: null };
const video = { type: 'video' as const, url: 'https://cdn.aurum.example/ring.mp4', poster: null, alt: 'A ring', width: null, height: null };

describe('creativeHtml for disclosure designs', () => {
  it('draws the icon as a named "AI" tile in its own colours, distinct from the badge', () => {
    const icon = creativeHtml({ media: image, disclosure: { style: 'icon', text: 'Made with AI', position: 'top-left' }, clickUrl: null });
    expect(icon).toMatch(/<span role="img" title="Made with AI" aria-label="Made with AI" style="[^"]*top:8px!important;left:8px!important[^"]*">AI<\/span>/);
    expect(icon).toContain('color:#333!important;background:#f7f7f7!important');
    const badge = creativeHtml({ media: image, disclosure: { style: 'badge', text: 'Made with AI', position: 'top-left' }, clickUrl: null });
    expect(badge).not.toContain('#f7f7f7');
    const unnamed = creativeHtml({ media: image, disclosure: { style: 'icon', text: null, position: null }, clickUrl: null });
    expect(unnamed).toContain('aria-label="Made with AI"');
  });

  it('wraps a timed video label in a step that hides it after N seconds, and leaves a label throughout as it was', () => {
    const timed = creativeHtml({ media: video, disclosure: { style: 'label', text: 'Made with AI', position: 'top-left', showForSeconds: 3 }, clickUrl: null });
    expect(timed).toContain('<style>@keyframes candor-shown-3s{from{opacity:1}to{opacity:0}}</style>');
    expect(timed).toMatch(/<span data-candor-shown-for="3" style="[^"]*;animation:candor-shown-3s 1ms step-start 3s 1 normal both"><span style="[^"]*">Made with AI<\/span><\/span>/);
    const throughout = creativeHtml({ media: video, disclosure: { style: 'label', text: 'Made with AI', position: 'top-left', showForSeconds: null }, clickUrl: null });
    expect(throughout).not.toContain('data-candor-shown-for');
    expect(throughout).not.toContain('@keyframes');
  });

  it('never times an image label, a caption or the credentials pin', () => {
    for (const style of ['label', 'caption', 'credentials'] as const) {
      const media = style === 'label' ? image : video;
      const html = creativeHtml({ media, disclosure: { style, text: 'Made with AI', position: null, showForSeconds: 5 }, clickUrl: null });
      expect(html, style).not.toContain('@keyframes');
    }
  });
});
