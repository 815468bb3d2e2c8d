// A shop page whose slot shows a real uploaded 2,048 px photograph (tests/fixtures/media/C.jpg,
// with its Content Credentials), next to a real Candor with a real media folder: what the media
// browser tests and the page bench (bench/page.ts) load in Chromium.
//
// Two experiments show the same bytes: slot "hero" names the upload (srcset of its
// derivatives), slot "plain" names the same file at a URL of the shop's own (today's markup: the
// original alone). The page is shaped by its query: w (the slot's width in px), top (space above
// the slot in px), slot (which one), late=1 (a second slot added after load, then
// candor('refresh')). It records when each slot was filled (window.__filled), measured from the
// page's own clock like resource timing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app.js';
import { listen, type HttpServer } from '../helpers/browser.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { mediaFile } from '../helpers/fixture-files.js';
import { experimentBody, variantBody } from '../helpers/fixtures.js';
import { multipartBody } from '../creatives/helpers.js';

export const PHOTO = { name: 'C.jpg', width: 2048, height: 1365 };

export interface MediaShop {
  t: TestApp;
  server: HttpServer;
  /** The upload as the API shows it: its URL and its derivatives. */
  creative: { id: string; url: string; sha256: string; provenanceSummary: string; derivatives: Array<{ width: number; ext: string; sha256: string; bytes: number }> };
  publicKey: string;
  /** The shop's own copy of the original: what the "plain" slot shows. */
  plainUrl: string;
  close(): Promise<void>;
}

function shopPage(publicKey: string, query: URLSearchParams): string {
  const width = Number(query.get('w') ?? 1000);
  const top = Number(query.get('top') ?? 0);
  const slot = query.get('slot') ?? 'hero';
  const late = query.get('late') === '1';
  const slotDiv = (id: string) => `<div class="slot" id="${id}" data-candor-slot="${slot}"></div>`;
  // Before the snippet: the time each slot's content was swapped in, as the page sees it.
  const recorder = `window.__filled={};new MutationObserver(function(records){records.forEach(function(r){var s=r.target;if(s.dataset&&s.dataset.candorSlot&&s.querySelector('[data-candor-frame]')&&!(s.id in __filled))__filled[s.id]=performance.now()})}).observe(document.documentElement,{childList:true,subtree:true});`;
  const lateSlot = late
    ? `<script>addEventListener('load',function(){setTimeout(function(){var d=document.createElement('div');d.innerHTML=${JSON.stringify(slotDiv('late'))};document.querySelector('main').append(d.firstChild);candor('refresh')},300)})</script>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lumen ring</title><link rel="icon" href="data:,">
<script>${recorder}window.candor=window.candor||function(){(candor.q=candor.q||[]).push(arguments)}</script>
<script async src="/c.js" data-site="${publicKey}"></script>
<style>body{margin:0;font:16px sans-serif} main{margin:0 8px} .spacer{height:${top}px} .slot{width:${width}px;aspect-ratio:${PHOTO.width}/${PHOTO.height};background:#ddd} footer{height:2000px}</style>
</head><body><main><div class="spacer"></div>
${slotDiv('first')}
<p id="below">Recycled 18k gold, made in Lisbon.</p></main><footer></footer>${lateSlot}</body></html>`;
}

export async function startMediaShop(): Promise<MediaShop> {
  const database: TestDatabase = await openTestDatabase('sqlite');
  const mediaDir = mkdtempSync(join(tmpdir(), 'candor-media-shop-'));
  const outer = new Hono();
  // Candor's media URLs name its public URL: the socket's, known once it listens.
  let t: TestApp | undefined;
  let publicKey = '';
  const original = mediaFile(PHOTO.name);
  outer.get('/shop/page', (c) => c.html(shopPage(publicKey, new URL(c.req.url).searchParams)));
  // The same file through Candor's own media route, so the two slots differ only in the markup.
  let originalPath = '';
  outer.get('/shop-media/C.jpg', (c) => t!.app.fetch(new Request(new URL(originalPath, c.req.url), { headers: c.req.raw.headers })));
  outer.all('*', (c) => t!.app.fetch(c.req.raw));
  const server = await listen(outer, (incoming, outgoing) => t?.direct(incoming, outgoing) ?? false);
  t = buildTestApp(database, {
    env: { CANDOR_MEDIA_DIR: mediaDir, CANDOR_FFMPEG: 'off', CANDOR_PUBLIC_URL: server.url },
    clock: { get now() { return Date.now(); } } as { now: number },
  });

  const { body, contentType } = multipartBody([{ name: 'file', filename: PHOTO.name, type: 'image/jpeg', data: original }]);
  const uploaded = await t.app.request('/api/creatives', { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': contentType }, body: new Uint8Array(body) });
  if (uploaded.status !== 201) throw new Error(`upload: ${uploaded.status} ${await uploaded.text()}`);
  const creative = (await uploaded.json()) as MediaShop['creative'];
  originalPath = new URL(creative.url).pathname;

  const site = await t.call('POST', '/api/sites', { name: 'Aurum', allowedOrigins: [server.url], disclosurePolicy: 'research' });
  if (site.status !== 201) throw new Error(JSON.stringify(site.body));
  publicKey = site.body.publicKey;
  const plainUrl = `${server.url}/shop-media/C.jpg`;
  const arms = (media: object) => [
    variantBody('studio', { control: true, media }),
    variantBody('pinned', { origin: 'ai', disclosure: { style: 'credentials' }, media }),
  ];
  for (const [slot, media] of [
    ['hero', { creative: creative.id, alt: 'The ring' }],
    ['plain', { type: 'image', url: plainUrl, alt: 'The ring', width: PHOTO.width, height: PHOTO.height }],
  ] as const) {
    const created = await t.call('POST', `/api/sites/${site.body.id}/experiments`, experimentBody({ key: `${slot}-test`, slot, survey: null, guardrailMetrics: [], variants: arms(media) }));
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    const started = await t.call('POST', `/api/experiments/${created.body.id}/status`, { status: 'running' });
    if (started.status !== 200) throw new Error(JSON.stringify(started.body));
  }
  const app = t;
  return {
    t: app,
    server,
    creative,
    publicKey,
    plainUrl,
    async close() {
      await server.close();
      await app.writer.close();
      await database.cleanup();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}
