// Derivatives for creatives uploaded before Candor made them (derivatives column empty): made
// by `npm run candor -- derivatives`, once, rather than lazily on a visitor's request, so no
// page view ever waits for an encoder. Safe to run again: only empty rows are filled.
import type { Db } from '../db/connect.js';
import { makeDerivatives } from './derivatives.js';
import { storedPath } from './store.js';

export interface BackfillReport {
  /** Creatives given derivatives (an empty list when their image could not be decoded). */
  filled: number;
  /** Their derivative files, all told. */
  files: number;
  /** Videos without a poster frame: nothing to derive from. */
  withoutPicture: number;
}

export async function backfillDerivatives(db: Db, mediaDir: string): Promise<BackfillReport> {
  const rows = await db.selectFrom('creatives').select(['id', 'sha256', 'kind', 'ext', 'posterSha256']).where('derivatives', 'is', null).orderBy('createdAt').execute();
  const report: BackfillReport = { filled: 0, files: 0, withoutPicture: 0 };
  for (const row of rows) {
    const made =
      row.kind === 'image'
        ? await makeDerivatives(storedPath(mediaDir, row.sha256, row.ext), row.ext, mediaDir)
        : row.posterSha256
          ? await makeDerivatives(storedPath(mediaDir, row.posterSha256, 'jpg'), 'jpg', mediaDir)
          : [];
    if (row.kind === 'video' && !row.posterSha256) report.withoutPicture++;
    await db.updateTable('creatives').set({ derivatives: JSON.stringify(made) }).where('id', '=', row.id).execute();
    report.filled++;
    report.files += made.length;
  }
  return report;
}
