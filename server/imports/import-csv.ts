// Importing a past test: one CSV with a row per visitor becomes a stopped experiment whose
// results are computed like any other. Shared by `npm run candor -- import` and the route; both
// hand over the file as chunks, and nothing holds the whole file at once.
import type { Db, Dialect } from '../db/connect.js';
import { isUniqueViolation } from '../db/errors.js';
import { completeDisclosure } from '../experiments/experiment-input.js';
import { findExperimentByKey } from '../experiments/experiment-queries.js';
import type { Experiment } from '../experiments/model.js';
import { findSite } from '../experiments/site-queries.js';
import { LIMITS } from '../experiments/vocabulary.js';
import { CsvError, readCsv } from './csv.js';
import { ImportError } from './import-error.js';
import { removeAbandonedImports } from '../db/pending-imports.js';
import type { ImportOptions } from './options.js';
import { readImportRows, type ImportedRows, type ImportReport } from './read-rows.js';
import { writeImport, type ImportArm } from './write-import.js';

export interface ImportResult {
  experiment: Experiment;
  report: ImportReport;
}

/** `defaultName` names the experiment when the options do not (the file's name, say). */
export async function importCsv(db: Db, dialect: Dialect, options: ImportOptions, source: AsyncIterable<Uint8Array | string>, now: number, defaultName: string): Promise<ImportResult> {
  if (!(await findSite(db, options.siteId))) throw new ImportError('not_found', `No site with id "${options.siteId}".`, 'site');
  if (await findExperimentByKey(db, options.siteId, options.key)) throw keyTaken(options.key);
  await removeAbandonedImports(db);
  let rows: ImportedRows;
  try {
    rows = await readImportRows(readCsv(source), options, now);
  } catch (err) {
    if (err instanceof CsvError) throw new ImportError('invalid_csv', err.message);
    throw err;
  }
  const { arms, armOf } = planArms(rows, options);
  try {
    const name = (options.name ?? defaultName).trim().slice(0, LIMITS.name) || options.key;
    const experiment = await writeImport(db, dialect, { siteId: options.siteId, key: options.key, name, metrics: options.metrics, arms, armOf, rows, revenueCap: options.revenueCap }, now);
    return { experiment, report: rows.report };
  } catch (err) {
    if (isUniqueViolation(err)) throw keyTaken(options.key);
    throw err;
  }
}

function keyTaken(key: string): ImportError {
  return new ImportError('key_taken', `The site already has an experiment with key "${key}".`, 'key');
}

/** The arms as variants, the control first and the others in the order they appear in the file. */
function planArms(rows: ImportedRows, options: ImportOptions): { arms: ImportArm[]; armOf: number[] } {
  const found = (arm: string) => rows.arms.includes(arm);
  const list = rows.arms.map((value) => JSON.stringify(value)).join(', ');
  const missing = (arm: string, option: string) =>
    new ImportError('invalid_csv', `--${option} names arm "${arm}", but no kept row is in it; the arms are ${list || 'none'}.`, option);
  if (!found(options.control)) throw missing(options.control, 'control');
  for (const filter of options.filters) if (!found(filter.arm)) throw missing(filter.arm, 'arm-filter');
  for (const arm of options.origins.keys()) if (!found(arm)) throw missing(arm, 'origin');
  for (const arm of options.disclosures.keys()) if (!found(arm)) throw missing(arm, 'disclosure');
  if (rows.arms.length < 2) throw new ImportError('invalid_csv', `Column "${options.armColumn}" holds one arm only (${list}); an experiment needs a control and at least one other arm.`);

  const order = [options.control, ...rows.arms.filter((arm) => arm !== options.control)];
  const keys = new Set<string>();
  const arms = order.map((value): ImportArm => {
    const origin = options.origins.get(value) ?? 'traditional';
    const style = options.disclosures.get(value) ?? 'none';
    return { value, key: uniqueKey(value, keys), origin, disclosure: completeDisclosure(origin, { style }), control: value === options.control };
  });
  return { arms, armOf: rows.arms.map((value) => order.indexOf(value)) };
}

/** "Womens E-Mail" → "womens-e-mail": a variant key, made unique with -2, -3, … */
function uniqueKey(value: string, taken: Set<string>): string {
  const base = value.toLowerCase().replace(/[^a-z0-9_]+/g, '-').replace(/^[-_]+|-+$/g, '').slice(0, LIMITS.key - 4) || 'arm';
  let key = base;
  for (let suffix = 2; taken.has(key); suffix++) key = `${base}-${suffix}`;
  taken.add(key);
  return key;
}
