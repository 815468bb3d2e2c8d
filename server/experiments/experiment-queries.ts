// Experiments and their variants in the database: plain functions that take db first.
import { parseDerivatives } from '../creatives/derivatives.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { shaOfMediaUrl } from '../creatives/formats.js';
import { findCreativesBySha } from '../creatives/queries.js';
import type { Provenance } from '../creatives/source-type.js';
import type { Db } from '../db/connect.js';
import type { ExperimentStatus, ExperimentsTable, VariantsTable } from '../db/types.js';
import type { ExperimentInput, ExperimentPatch, VariantInput } from './experiment-input.js';
import { experimentFromRow, type Experiment } from './model.js';
import { LIVE_STATUSES } from './status.js';
import { revenueCapFromColumn, revenueCapToColumn } from './plan-settings.js';
import { surveyToColumn } from './survey-input.js';

export function makeSeed(): string {
  return randomBytes(12).toString('base64url');
}

function variantRows(experimentId: string, variants: readonly VariantInput[], idsByKey: ReadonlyMap<string, string>): VariantsTable[] {
  return variants.map((variant, position) => ({
    id: idsByKey.get(variant.key) ?? randomUUID(),
    experimentId,
    position,
    key: variant.key,
    name: variant.name,
    origin: variant.origin,
    disclosure: variant.disclosure.style,
    disclosureText: variant.disclosure.text,
    disclosurePosition: variant.disclosure.position,
    disclosureShowSeconds: variant.disclosure.showForSeconds,
    mediaType: variant.media.type,
    mediaUrl: variant.media.url,
    posterUrl: variant.media.poster ?? null,
    altText: variant.media.alt,
    mediaWidth: variant.media.width,
    mediaHeight: variant.media.height,
    clickUrl: variant.clickUrl,
    weight: variant.weight,
    likeness: variant.likeness,
    consentRef: variant.consentRef,
    generator: variant.generator,
    isControl: variant.control ? 1 : 0,
    photorealistic: flag(variant.photorealistic),
    syntheticHuman: flag(variant.syntheticHuman),
    realProduct: flag(variant.realProduct),
  }));
}

export async function insertExperiment(db: Db, siteId: string, input: ExperimentInput, now: number): Promise<Experiment> {
  const row: ExperimentsTable = {
    id: randomUUID(),
    siteId,
    key: input.key,
    name: input.name,
    hypothesis: input.hypothesis,
    slot: input.slot,
    coverage: input.coverage,
    primaryMetric: input.primaryMetric,
    guardrailMetrics: JSON.stringify(input.guardrailMetrics),
    plannedSampleSize: input.plannedSampleSize,
    seed: input.seed ?? makeSeed(),
    status: 'draft',
    startedAt: null,
    stoppedAt: null,
    importedAt: null,
    metricLabels: '{}',
    survey: surveyToColumn(input.survey),
    plannedEffect: input.plannedEffect,
    revenueCap: revenueCapToColumn(input.revenueCap),
    revenueCapValue: null,
    revenueCapFixedAt: null,
    sumsVersion: 0,
    createdAt: now,
    updatedAt: now,
  };
  const variants = variantRows(row.id, input.variants, new Map());
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('experiments').values(row).execute();
    await trx.insertInto('variants').values(variants).execute();
  });
  return (await attachCreatives(db, [experimentFromRow(row, variants)]))[0]!;
}

/** Gives each variant whose media is an upload its creative: one query for all of them, none when no URL names one. */
async function attachCreatives(db: Db, experiments: Experiment[]): Promise<Experiment[]> {
  const shas = experiments.flatMap((experiment) => experiment.variants.map((variant) => shaOfMediaUrl(variant.media.url))).filter((sha) => sha !== null);
  if (shas.length === 0) return experiments;
  const rows = new Map((await findCreativesBySha(db, shas)).map((row) => [row.sha256, row]));
  for (const experiment of experiments) {
    for (const variant of experiment.variants) {
      const row = rows.get(shaOfMediaUrl(variant.media.url) ?? '');
      if (!row) continue;
      const derivatives = parseDerivatives(row.derivatives) ?? [];
      variant.creative = { id: row.id, sha256: row.sha256, provenance: JSON.parse(row.provenance) as Provenance, posterSha256: row.posterSha256, derivatives };
    }
  }
  return experiments;
}

async function attachVariants(db: Db, rows: ExperimentsTable[]): Promise<Experiment[]> {
  if (rows.length === 0) return [];
  const variants = await db
    .selectFrom('variants')
    .selectAll()
    .where(
      'experimentId',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  return attachCreatives(
    db,
    rows.map((row) => experimentFromRow(row, variants.filter((variant) => variant.experimentId === row.id))),
  );
}

export async function findExperiment(db: Db, id: string): Promise<Experiment | undefined> {
  const row = await db.selectFrom('experiments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && (await attachVariants(db, [row]))[0];
}

export async function findExperimentByKey(db: Db, siteId: string, key: string): Promise<Experiment | undefined> {
  const row = await db.selectFrom('experiments').selectAll().where('siteId', '=', siteId).where('key', '=', key).executeTakeFirst();
  return row && (await attachVariants(db, [row]))[0];
}

export async function listExperiments(db: Db, siteId: string, statuses?: readonly ExperimentStatus[]): Promise<Experiment[]> {
  let query = db.selectFrom('experiments').selectAll().where('siteId', '=', siteId);
  if (statuses && statuses.length > 0) query = query.where('status', 'in', statuses);
  const rows = await query.orderBy('createdAt').orderBy('id').execute();
  return attachVariants(db, rows);
}

/** The other experiment, if any, that holds this slot on the site (running or paused). */
export async function findSlotHolder(db: Db, siteId: string, slot: string, exceptId: string): Promise<Pick<ExperimentsTable, 'id' | 'key'> | undefined> {
  return db
    .selectFrom('experiments')
    .select(['id', 'key'])
    .where('siteId', '=', siteId)
    .where('slot', '=', slot)
    .where('status', 'in', LIVE_STATUSES)
    .where('id', '!=', exceptId)
    .executeTakeFirst();
}

export async function updateExperiment(db: Db, current: Experiment, patch: ExperimentPatch, now: number): Promise<void> {
  const { variants, guardrailMetrics, survey, revenueCap, ...fields } = patch;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('experiments')
      .set({
        ...fields,
        ...(guardrailMetrics !== undefined && { guardrailMetrics: JSON.stringify(guardrailMetrics) }),
        ...(survey !== undefined && { survey: surveyToColumn(survey) }),
        ...(revenueCap !== undefined && { revenueCap: revenueCapToColumn(revenueCap) }),
        updatedAt: now,
      })
      .where('id', '=', current.id)
      .execute();
    if (variants === undefined) return;
    const idsByKey = new Map(current.variants.map((variant) => [variant.key, variant.id]));
    await trx.deleteFrom('variants').where('experimentId', '=', current.id).execute();
    await trx.insertInto('variants').values(variantRows(current.id, variants, idsByKey)).execute();
  });
}

/**
 * Moves the experiment from one status to another, only if it is still in `from`; false if it was
 * not. The first start fixes a value cap in the same statement, so no event is ever folded
 * uncapped (a percentile cap waits for its first days: collect/fix-revenue-caps.ts).
 */
export async function changeStatus(db: Db, id: string, from: ExperimentStatus, to: ExperimentStatus, now: number): Promise<boolean> {
  const { revenueCap: capColumn } = (await db.selectFrom('experiments').select('revenueCap').where('id', '=', id).executeTakeFirst()) ?? { revenueCap: null };
  const cap = revenueCapFromColumn(capColumn);
  const result = await db
    .updateTable('experiments')
    .set((eb) => ({
      status: to,
      updatedAt: now,
      ...(to === 'running' && { startedAt: eb.fn.coalesce('startedAt', eb.val(now)) }),
      ...(to === 'running' && cap?.kind === 'value' && {
        revenueCapValue: eb.fn.coalesce('revenueCapValue', eb.val(cap.value)),
        revenueCapFixedAt: eb.fn.coalesce('revenueCapFixedAt', eb.val(now)),
      }),
      ...(to === 'stopped' && { stoppedAt: now }),
    }))
    .where('id', '=', id)
    .where('status', '=', from)
    // The cap read above is the one fixed: a draft edited meanwhile is "changed meanwhile" too.
    .where('revenueCap', capColumn === null ? 'is' : '=', capColumn)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Only a draft can go: it has no data. Its variants go with it (ON DELETE CASCADE). */
export async function deleteDraftExperiment(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('experiments').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** A declared fact as its 0/1 column; null stays null (not said). */
function flag(value: boolean | null): number | null {
  return value === null ? null : value ? 1 : 0;
}
