// The markup the snippet inserts (and the dashboard previews): the creative with its disclosure,
// and the survey card. Admin texts are escaped; every disclosure style lands where it says.
import { describe, expect, it } from 'vitest';
import { creativeHtml, escapeHtml, surveyHtml } from '../../server/public/creative-html.js';

const image = { type: 'image' as const, url: 'https://cdn.aurum.example/ring.jpg', poster: null, alt: 'A ring', width: null, height: null };

describe('creativeHtml', () => {
  it('wraps the image in a link when there is a click-through, and in a plain frame when not', () => {
    const linked = creativeHtml({ media: image, disclosure: { style: 'none', text: null, position: null }, clickUrl: 'https://aurum.example/ring' });
    expect(linked).toMatch(/^<div [^>]*><a data-candor-frame href="https:\/\/aurum.example\/ring" [^>]*><img src="https:\/\/cdn.aurum.example\/ring.jpg" alt="A ring"/);
    const plain = creativeHtml({ media: image, disclosure: { style: 'none', text: null, position: null }, clickUrl: null });
    expect(plain).toContain('<div data-candor-frame ');
    expect(plain).not.toContain('<a ');
    expect(plain).not.toContain('<span');
  });

  it('puts a label in its corner with its words, and a badge as "AI" with the words for screen readers', () => {
    const label = creativeHtml({ media: image, disclosure: { style: 'label', text: 'Made with AI', position: 'top-right' }, clickUrl: null });
    expect(label).toMatch(/<span style="[^"]*top:8px!important;right:8px!important[^"]*">Made with AI<\/span>/);
    const badge = creativeHtml({ media: image, disclosure: { style: 'badge', text: 'Made with AI', position: 'bottom-left' }, clickUrl: null });
    expect(badge).toMatch(/<span role="img" title="Made with AI" aria-label="Made with AI" style="[^"]*bottom:8px!important;left:8px!important[^"]*">AI<\/span>/);
  });

  it('pins "CR" beside the frame, naming what the uploaded file\'s Content Credentials say, for a hover, a tap and a screen reader', () => {
    const provenance = {
      source: 'c2pa' as const,
      manifest: true,
      validation: 'valid' as const,
      problems: ['signingCredential.untrusted'],
      claimGenerator: 'ChatGPT',
      digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
      softwareAgent: 'GPT-4o',
      signer: { issuer: 'OpenAI', name: 'Truepic Lens CLI in Sora', time: null },
    };
    const html = creativeHtml({
      media: image,
      disclosure: { style: 'credentials', text: null, position: 'top-right' },
      clickUrl: 'https://aurum.example/ring',
      creative: { provenance },
    });
    const summary = 'Content Credentials: made with generative AI (trainedAlgorithmicMedia), with GPT-4o, signed by OpenAI';
    expect(html).toContain(`<summary title="${summary}" aria-label="${summary}"`);
    expect(html).toMatch(/>CR<\/summary><span [^>]*>Content Credentials: made with generative AI/);
    expect(html).toMatch(/<details style="[^"]*position:absolute!important;z-index:1!important;top:8px!important;right:8px!important/);
    // Outside the link: opening the pin neither follows the click-through nor counts as a click.
    expect(html.indexOf('<details')).toBeGreaterThan(html.indexOf('</a>'));
    expect(html).toMatch(/^<div style="position:relative!important;/);

    const unknown = creativeHtml({ media: image, disclosure: { style: 'credentials', text: null, position: 'bottom-right' }, clickUrl: null });
    expect(unknown).toMatch(/<summary title="Content Credentials" aria-label="Content Credentials"[^>]*>CR<\/summary>/);
  });

  it('escapes what a file\'s credentials say: they come from whoever made the file', () => {
    const provenance = { source: 'c2pa' as const, manifest: true, validation: 'invalid' as const, problems: [], claimGenerator: '<script>x</script>', digitalSourceType: null, softwareAgent: null, signer: { issuer: '"><img src=x onerror=alert(1)>', name: null, time: null } };
    const html = creativeHtml({ media: image, disclosure: { style: 'credentials', text: null, position: null }, clickUrl: null, creative: { provenance } });
    expect(html).not.toMatch(/<script|<img src=x/);
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
  });

  it('puts a caption above or below the frame, outside the picture', () => {
    const below = creativeHtml({ media: image, disclosure: { style: 'caption', text: 'Created with AI.', position: 'below' }, clickUrl: null });
    expect(below.indexOf('data-candor-frame')).toBeLessThan(below.indexOf('Created with AI.'));
    const above = creativeHtml({ media: image, disclosure: { style: 'caption', text: 'Created with AI.', position: 'above' }, clickUrl: null });
    expect(above.indexOf('Created with AI.')).toBeLessThan(above.indexOf('data-candor-frame'));
  });

  it('marks every declaration of every element !important, so no stylesheet of the shop outranks it', () => {
    for (const style of ['label', 'badge', 'caption', 'credentials'] as const) {
      const html = creativeHtml({ media: image, disclosure: { style, text: 'Made with AI', position: null }, clickUrl: 'https://aurum.example/ring' });
      const declarations = [...html.matchAll(/style="([^"]*)"/g)].flatMap((match) => match[1]!.split(';'));
      expect(declarations.length).toBeGreaterThan(20);
      expect(declarations.filter((declaration) => !declaration.endsWith('!important'))).toEqual([]);
      // The disclosure's own elements take nothing from the page, and then set their colours.
      expect(html).toMatch(/all:initial!important;[^"]*color:#(fff|1f1f1f)!important;[^"]*background:(#fff|rgba\(0,0,0,\.(75|85)\))!important/);
    }
  });

  it('renders a video muted, inline and autoplaying, with its poster and its alt text as a label', () => {
    const video = creativeHtml({
      media: { ...image, type: 'video', url: 'https://cdn.aurum.example/ring.mp4', poster: 'https://cdn.aurum.example/ring.jpg' },
      disclosure: { style: 'none', text: null, position: null },
      clickUrl: null,
    });
    expect(video).toContain('<video src="https://cdn.aurum.example/ring.mp4" poster="https://cdn.aurum.example/ring.jpg" aria-label="A ring" muted autoplay playsinline');
  });

  it('escapes every text an admin wrote, so a variant cannot inject markup into a shop', () => {
    const html = creativeHtml({
      media: { ...image, url: 'https://x.example/a.jpg?a=1&b="2"', alt: '<img src=x onerror=alert(1)>' },
      disclosure: { style: 'label', text: "<script>alert('x')</script>", position: 'top-left' },
      clickUrl: 'https://x.example/"onmouseover="alert(1)',
    });
    expect(html).not.toMatch(/<script|<img src=x|"onmouseover=/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('a=1&amp;b=&quot;2&quot;');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('surveyHtml', () => {
  it('is a dialog named by its question, with one button per answer and a labelled close button', () => {
    const html = surveyHtml({ text: 'Trust <this>?', choices: [{ value: 1, label: 'Yes' }, { value: 0, label: 'No' }], close: 'Close' });
    expect(html).toMatch(/^<div role="dialog" aria-labelledby="candor-question"/);
    expect(html).toContain('<p id="candor-question"');
    expect(html).toContain('Trust &lt;this&gt;?');
    expect(html.match(/data-candor-answer="[01]"/g)).toEqual(['data-candor-answer="1"', 'data-candor-answer="0"']);
    expect(html).toMatch(/data-candor-answer="" aria-label="Close"/);
  });
});

describe('creativeHtml for an upload with derivatives', () => {
  const sha = (char: string) => char.repeat(64);
  const upload = { type: 'image' as const, url: `https://candor.example/media/${sha('a')}.jpg`, poster: null, alt: 'A ring', width: 2048, height: 1365 };
  const copies = [480, 960, 1440, 2048].flatMap((width, index) =>
    (['avif', 'webp', 'jpg'] as const).map((ext, at) => ({ width, height: Math.round((width * 1365) / 2048), ext, sha256: sha('0123456789ab'[index * 3 + at]!), bytes: 1000 })),
  );
  const none = { style: 'none' as const, text: null, position: null };
  const provenance = { source: 'none' as const, manifest: false, validation: null, problems: [], claimGenerator: null, digitalSourceType: null, softwareAgent: null, signer: null };

  it('offers the WebP copies as srcset beside the original src, with sizes and the intrinsic width and height', () => {
    const html = creativeHtml({ media: upload, disclosure: none, clickUrl: null, creative: { provenance, derivatives: copies, posterSha256: null } });
    const srcset = copies.filter((copy) => copy.ext === 'webp').map((copy) => `https://candor.example/media/${copy.sha256}.webp ${copy.width}w`).join(', ');
    expect(html).toContain(`<img src="${upload.url}" srcset="${srcset}" sizes="(max-width: 600px) 100vw, 1044px" width="2048" height="1365" alt="A ring"`);
    // Still one <img> first in the frame: what the snippet decodes.
    expect(html).toMatch(/<div data-candor-frame [^>]*><img /);
  });

  it('keeps the original alone without derivatives (an external URL, or an upload not yet given its copies)', () => {
    expect(creativeHtml({ media: image, disclosure: none, clickUrl: null })).not.toContain('srcset');
    expect(creativeHtml({ media: upload, disclosure: none, clickUrl: null, creative: { provenance, derivatives: [], posterSha256: null } })).not.toContain('srcset');
  });

  it('gives a video the WebP copy of its ffmpeg poster that fills a full-width slot, and leaves a poster of the shop\'s own as it is', () => {
    const video = { type: 'video' as const, url: `https://candor.example/media/${sha('f')}.mp4`, poster: `https://candor.example/media/${sha('e')}.jpg`, alt: 'The ring turning', width: 2048, height: 1365 };
    const made = creativeHtml({ media: video, disclosure: none, clickUrl: null, creative: { provenance, derivatives: copies, posterSha256: sha('e') } });
    expect(made).toContain(` poster="https://candor.example/media/${copies.find((copy) => copy.width === 1440 && copy.ext === 'webp')!.sha256}.webp"`);
    const own = creativeHtml({ media: { ...video, poster: 'https://cdn.aurum.example/still.jpg' }, disclosure: none, clickUrl: null, creative: { provenance, derivatives: copies, posterSha256: sha('e') } });
    expect(own).toContain(' poster="https://cdn.aurum.example/still.jpg"');
  });
});
