// Writes an import: one fact per kept visitor (one exposure, the mapped metrics set, the others 0)
// in multi-row inserts over short transactions, then in one last transaction the stopped
// experiment, one variant per arm (with no creative) and the daily and segment sums computed from
// the facts.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Dialect } from '../db/connect.js';
import type { ExperimentsTable, VariantsTable } from '../db/types.js';
import { emptyFact, type Fact } from '../collect/facts.js';
import { addFactChange, nonZeroRows, type SumDeltas } from '../collect/sums.js';
import { chunks } from '../collect/update-facts.js';
import { addSegmentChange, nonZeroSegmentRows, type SegmentDeltas } from '../segments/segment-sums.js';
import type { Disclosure } from '../experiments/experiment-input.js';
import { makeSeed } from '../experiments/experiment-queries.js';
import { revenueCapToColumn } from '../experiments/plan-settings.js';
import { experimentFromRow, type Experiment } from '../experiments/model.js';
import type { Origin } from '../experiments/vocabulary.js';
import { METRIC_REGISTRY } from '../metrics/registry.js';
import { insertFacts, POSTGRES_CHUNK, SQLITE_CHUNK } from './insert-facts.js';
import { clearImportPending, markImportPending, removePendingImport, touchImportPending } from '../db/pending-imports.js';
import type { MetricMapping } from './options.js';
import type { ImportedRows } from './read-rows.js';

export interface ImportArm {
  /** The arm's value in the file; its variant's name. */
  value: string;
  key: string;
  origin: Origin;
  disclosure: Disclosure;
  control: boolean;
}

export interface ImportPlan {
  siteId: string;
  key: string;
  name: string;
  metrics: readonly MetricMapping[];
  /** In variant order (the control first); rows.armIndex points into rows.arms, armOf maps it here. */
  arms: readonly ImportArm[];
  armOf: readonly number[];
  rows: ImportedRows;
  /** A value cap: every fact carries it, and revenue_capped is reported after the mapped metrics. */
  revenueCap?: number | null;
}

/** The display labels: the mapped metrics', then capped revenue's under a cap, named after the revenue column. */
function metricLabels(plan: ImportPlan): Record<string, string> {
  const labels: Record<string, string> = Object.fromEntries(plan.metrics.map((mapping) => [mapping.metric, mapping.label]));
  const revenue = plan.metrics.find((mapping) => mapping.metric === 'revenue' || mapping.metric === 'revenue_per_buyer');
  if (plan.revenueCap != null && revenue) labels.revenue_capped = `${revenue.label}, capped`;
  return labels;
}

/** Visitors per transaction: on SQLite about 50 ms of holding the write lock each. */
export const IMPORT_TRANSACTION_VISITORS = 5000;
/**
 * SQLite: the pause between two transactions, longer than a waiting writer's retry interval
 * (server/db/lock-wait.ts), so a server on the same file gets its turn at every pause.
 */
const SQLITE_PAUSE_MS = 15;

export async function writeImport(db: Db, dialect: Dialect, plan: ImportPlan, now: number): Promise<Experiment> {
  const { rows } = plan;
  const experiment: ExperimentsTable = {
    id: randomUUID(),
    siteId: plan.siteId,
    key: plan.key,
    name: plan.name,
    hypothesis: '',
    slot: 'imported',
    coverage: 1,
    primaryMetric: plan.metrics[0]!.metric,
    guardrailMetrics: '[]',
    // The sample the test reached: a stopped test's always-valid figures are tuned to it.
    plannedSampleSize: rows.visitorIds.length > 0 ? rows.visitorIds.length : null,
    seed: makeSeed(),
    status: 'stopped',
    startedAt: rows.visitorIds.length > 0 ? rows.firstTime : now,
    stoppedAt: rows.visitorIds.length > 0 ? rows.lastTime : now,
    importedAt: now,
    metricLabels: JSON.stringify(metricLabels(plan)),
    survey: null,
    plannedEffect: null,
    revenueCap: plan.revenueCap != null ? revenueCapToColumn({ kind: 'value', value: plan.revenueCap }) : null,
    revenueCapValue: plan.revenueCap ?? null,
    revenueCapFixedAt: plan.revenueCap != null ? now : null,
    sumsVersion: 0,
    createdAt: now,
    updatedAt: now,
  };
  const variants: VariantsTable[] = plan.arms.map((arm, position) => ({
    id: randomUUID(),
    experimentId: experiment.id,
    position,
    key: arm.key,
    name: arm.value,
    origin: arm.origin,
    disclosure: arm.disclosure.style,
    disclosureText: arm.disclosure.text,
    disclosurePosition: arm.disclosure.position,
    disclosureShowSeconds: null,
    mediaType: 'image',
    mediaUrl: '',
    posterUrl: null,
    altText: '',
    mediaWidth: null,
    mediaHeight: null,
    clickUrl: null,
    weight: 1,
    likeness: 'none',
    consentRef: null,
    generator: null,
    isControl: arm.control ? 1 : 0,
    // An imported test never starts here, so no preset asks these.
    photorealistic: null,
    syntheticHuman: null,
    realProduct: null,
  }));
  const window = { id: experiment.id, siteId: plan.siteId, stoppedAt: experiment.stoppedAt, revenueCap: experiment.revenueCapValue };
  const setters = plan.metrics.map((mapping) => METRIC_REGISTRY[mapping.metric].importInto);
  // In key order, each insert lands next to the previous one in the indexes: on SQLite this
  // halved the time of 290,584 random ids. The ids are unique by now, so the built-in sort of
  // strings (many times faster than a comparator) gives the order.
  const ids = rows.visitorIds;
  const indexOf = new Map(ids.map((id, index) => [id, index]));
  const order = [...ids].sort().map((id) => indexOf.get(id)!);
  const chunk = dialect === 'sqlite' ? SQLITE_CHUNK : POSTGRES_CHUNK;

  const deltas: SumDeltas = new Map();
  const segmentDeltas: SegmentDeltas = new Map();
  const factsOf = (start: number, end: number) => {
    const facts = [];
    for (const i of order.slice(start, end)) {
      const fact = emptyFact(window, ids[i]!, variants[plan.armOf[rows.armIndex[i]!]!]!.id, rows.times[i]!);
      fact.exposures = 1;
      fact.segment = rows.segments[i]!;
      setters.forEach((set, m) => {
        const value = rows.values[m]![i];
        if (value !== null && value !== undefined) set(fact, value);
      });
      addFactChange(deltas, null, fact);
      addSegmentChange(segmentDeltas, null, fact);
      facts.push({ ...fact, updatedAt: now });
    }
    return facts;
  };

  // The facts go in a few thousand visitors per transaction (on SQLite, another process's writer
  // waits for one of these, not for the whole file); the experiment, its variants and sums come
  // last, in one transaction, and only then does anything show (pending-imports.ts).
  await markImportPending(db, experiment.id);
  try {
    for (let start = 0; start < order.length; start += IMPORT_TRANSACTION_VISITORS) {
      await db.transaction().execute(async (trx) => {
        const end = Math.min(order.length, start + IMPORT_TRANSACTION_VISITORS);
        for (let at = start; at < end; at += chunk) await insertFacts(trx, dialect, factsOf(at, Math.min(end, at + chunk)));
        await touchImportPending(trx, experiment.id);
      });
      if (dialect === 'sqlite') await new Promise((resolve) => setTimeout(resolve, SQLITE_PAUSE_MS));
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('experiments').values(experiment).execute();
      await trx.insertInto('variants').values(variants).execute();
      for (const part of chunks(nonZeroRows(deltas))) await trx.insertInto('variantDailySums').values(part).execute();
      for (const part of chunks(nonZeroSegmentRows(segmentDeltas))) await trx.insertInto('segmentSums').values(part).execute();
      await clearImportPending(trx, experiment.id);
    });
  } catch (err) {
    await removePendingImport(db, experiment.id).catch((cleanup: unknown) =>
      // Left for the next start or import to remove; it shows nowhere meanwhile.
      console.error(`could not remove the unfinished import ${experiment.id}`, cleanup),
    );
    throw err;
  }
  // Until autovacuum gets to it, PostgreSQL plans as if the rows just added were not there: paging
  // through them by key (verify) sorted the whole experiment for each page, 5 s instead of 1.
  if (dialect === 'postgres') await sql`ANALYZE visitor_facts`.execute(db);
  return experimentFromRow(experiment, variants);
}
