// `derivatives`: makes the srcset copies of every creative uploaded before Candor made them at
// upload (creatives/backfill-derivatives.ts). New uploads get theirs at once.
import { backfillDerivatives } from '../creatives/backfill-derivatives.js';
import type { CommandContext } from './command.js';

export async function derivativesCommand({ db, config, out }: CommandContext): Promise<void> {
  const report = await backfillDerivatives(db, config.mediaDir);
  if (report.filled === 0) return out('Every creative already has its derivatives.');
  out(`Made ${report.files} derivative files for ${report.filled} creative${report.filled === 1 ? '' : 's'}.`);
  if (report.withoutPicture > 0) out(`${report.withoutPicture} videos have no poster frame to derive from (install ffmpeg, or name a poster image).`);
}
