// Creatives in the database, and a creative as the API shows it: plain functions that take db
// first. A creative's URLs are built from the public URL, never stored, so moving Candor to
// another address moves them too.
import type { Db } from '../db/connect.js';
import type { CreativesTable } from '../db/types.js';
import { parseDerivatives, type Derivative } from './derivatives.js';
import { mediaUrl } from './formats.js';
import { describeProvenance, suggestFromProvenance, type Provenance } from './source-type.js';

export interface Creative {
  id: string;
  sha256: string;
  kind: CreativesTable['kind'];
  mime: string;
  ext: CreativesTable['ext'];
  bytes: number;
  width: number;
  height: number;
  durationMs: number | null;
  url: string;
  /** The poster ffmpeg made for a video; null for an image or without ffmpeg. */
  posterUrl: string | null;
  /** The smaller copies for srcset, each at `/media/<sha256>.<ext>`; null for a creative from before they were made (`candor derivatives`). */
  derivatives: Derivative[] | null;
  provenance: Provenance;
  /** The provenance in one line, as the Content Credentials pin shows it. */
  provenanceSummary: string;
  /** What the editor proposes for a variant using it, when its credentials say generative AI. */
  suggested: ReturnType<typeof suggestFromProvenance>;
  originalName: string | null;
  createdAt: number;
}

export function creativeFromRow(row: CreativesTable, publicUrl: string): Creative {
  const provenance = JSON.parse(row.provenance) as Provenance;
  const { provenance: _, posterSha256, derivatives, ...rest } = row;
  return {
    ...rest,
    url: mediaUrl(publicUrl, row.sha256, row.ext),
    posterUrl: posterSha256 ? mediaUrl(publicUrl, posterSha256, 'jpg') : null,
    derivatives: parseDerivatives(derivatives),
    provenance,
    provenanceSummary: describeProvenance(provenance),
    suggested: suggestFromProvenance(provenance),
  };
}

export async function insertCreative(db: Db, row: CreativesTable): Promise<void> {
  await db.insertInto('creatives').values(row).execute();
}

export async function findCreative(db: Db, id: string): Promise<CreativesTable | undefined> {
  return db.selectFrom('creatives').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCreativeBySha(db: Db, sha256: string): Promise<CreativesTable | undefined> {
  return db.selectFrom('creatives').selectAll().where('sha256', '=', sha256).executeTakeFirst();
}

export async function findCreativesBySha(db: Db, shas: readonly string[]): Promise<CreativesTable[]> {
  if (shas.length === 0) return [];
  return db.selectFrom('creatives').selectAll().where('sha256', 'in', [...new Set(shas)]).execute();
}

/** Newest first. */
export async function listCreatives(db: Db, limit: number): Promise<CreativesTable[]> {
  return db.selectFrom('creatives').selectAll().orderBy('createdAt', 'desc').orderBy('id').limit(limit).execute();
}
