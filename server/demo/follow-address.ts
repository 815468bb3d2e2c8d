// The demo's creatives and links follow Candor's address. The demo experiment is made once, with
// the address of whoever made it (`npm run demo` on the default port, say); a server started later
// on another PORT or CANDOR_PUBLIC_URL would otherwise show images and links that point nowhere.
import type { Db } from '../db/connect.js';
import type { Experiment } from '../experiments/model.js';

// What demoExperimentInput puts after the base URL: the page, its media files, the page's anchors.
const DEMO_SUFFIX = /\/demo(?:\/media\/[A-Za-z0-9._-]+)?(?:#[A-Za-z0-9_-]*)?$/;

/** A demo URL moved under `baseUrl`; any other URL (or none) as it is. */
export function rebaseDemoUrl(url: string | null, baseUrl: string): string | null {
  if (!url || !/^https?:\/\//.test(url)) return url;
  const suffix = DEMO_SUFFIX.exec(url)?.[0];
  return suffix ? `${baseUrl.replace(/\/+$/, '')}${suffix}` : url;
}

/** Moves the demo experiment's media, poster and click URLs under `baseUrl`; true if any moved. */
export async function rebaseDemoVariants(db: Db, experiment: Experiment, baseUrl: string): Promise<boolean> {
  const rows = await db.selectFrom('variants').select(['id', 'mediaUrl', 'posterUrl', 'clickUrl']).where('experimentId', '=', experiment.id).execute();
  let moved = false;
  for (const row of rows) {
    const next = { mediaUrl: rebaseDemoUrl(row.mediaUrl, baseUrl)!, posterUrl: rebaseDemoUrl(row.posterUrl, baseUrl), clickUrl: rebaseDemoUrl(row.clickUrl, baseUrl) };
    if (next.mediaUrl === row.mediaUrl && next.posterUrl === row.posterUrl && next.clickUrl === row.clickUrl) continue;
    await db.updateTable('variants').set(next).where('id', '=', row.id).execute();
    moved = true;
  }
  return moved;
}
