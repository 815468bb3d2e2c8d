// ensureDemo: the demo site and its running experiment, created once and found again after,
// through the same queries, input schemas and start checks as the admin API. The site is found
// by its id under a fixed settings key, so renaming it or changing its origins never loses it.
import type { Catalog } from '../collect/catalog.js';
import type { Db } from '../db/connect.js';
import { isUniqueViolation } from '../db/errors.js';
import { experimentInput } from '../experiments/experiment-input.js';
import { changeStatus, findExperimentByKey, findSlotHolder, insertExperiment } from '../experiments/experiment-queries.js';
import type { Experiment, Site } from '../experiments/model.js';
import { findPolicyViolations } from '../experiments/policy.js';
import { normaliseOrigin, siteInput } from '../experiments/site-input.js';
import { findSite, insertSite, updateSite } from '../experiments/site-queries.js';
import { DEMO_EXPERIMENT_KEY, demoExperimentInput } from './demo-experiment.js';
import { rebaseDemoVariants } from './follow-address.js';
import { DEMO_HISTORY_MS } from './traffic-plan.js';

export const DEMO_SITE_NAME = 'Aurelia Atelier (demo)';
const SITE_SETTING = 'demo_site_id';

export interface DemoOptions {
  /** Where visitors' browsers reach Candor (config.publicUrl): the creatives' URLs and the allowed origin. */
  baseUrl: string;
  now: number;
  /** Told when the demo changes what runs, as the admin routes tell it. */
  catalog?: Pick<Catalog, 'invalidate'>;
}

export interface Demo {
  site: Site;
  experiment: Experiment;
}

/** The demo's experiment cannot be started as it stands (someone changed the demo site). */
export class DemoError extends Error {
  constructor(
    readonly reason: 'disclosure_policy' | 'slot_busy',
    message: string,
  ) {
    super(message);
    this.name = 'DemoError';
  }
}

export async function findDemoSite(db: Db): Promise<Site | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SITE_SETTING).executeTakeFirst();
  return row && findSite(db, row.value);
}

/**
 * Creates what is missing and starts a draft or paused demo experiment; a stopped or archived
 * one is returned as it is (it cannot run again), for the caller to report.
 */
export async function ensureDemo(db: Db, options: DemoOptions): Promise<Demo> {
  // The simulated traffic reaches back this far: a new demo's history starts there.
  const since = options.now - DEMO_HISTORY_MS;
  const site = await ensureSite(db, options.baseUrl, since, options.now);
  let experiment = await findExperimentByKey(db, site.id, DEMO_EXPERIMENT_KEY);
  if (!experiment) {
    try {
      experiment = await insertExperiment(db, site.id, experimentInput.parse(demoExperimentInput(options.baseUrl)), since);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      experiment = (await findExperimentByKey(db, site.id, DEMO_EXPERIMENT_KEY))!;
    }
  }
  if (await rebaseDemoVariants(db, experiment, options.baseUrl)) experiment = (await findExperimentByKey(db, site.id, DEMO_EXPERIMENT_KEY))!;
  if (experiment.status === 'draft' || experiment.status === 'paused') {
    await startExperiment(db, site, experiment, experiment.status === 'draft' ? since : options.now);
    experiment = (await findExperimentByKey(db, site.id, DEMO_EXPERIMENT_KEY))!;
  }
  options.catalog?.invalidate();
  return { site, experiment };
}

/**
 * At every start, with or without the demo flag: an existing demo follows Candor's address (its
 * allowed origins, its creatives' and links' URLs). True if anything changed.
 */
export async function followDemoAddress(db: Db, baseUrl: string, now: number): Promise<boolean> {
  const site = await findDemoSite(db);
  if (!site) return false;
  const allowed = await allowDemoOrigins(db, site, baseUrl, now);
  const experiment = await findExperimentByKey(db, site.id, DEMO_EXPERIMENT_KEY);
  const moved = experiment ? await rebaseDemoVariants(db, experiment, baseUrl) : false;
  return allowed !== site || moved;
}

/** Candor moved (another port or host): the demo page must still be allowed to send events. */
async function allowDemoOrigins(db: Db, site: Site, baseUrl: string, now: number): Promise<Site> {
  const missing = allowedOrigins(baseUrl).filter((origin) => !site.allowedOrigins.includes(origin));
  if (missing.length === 0) return site;
  return (await updateSite(db, site.id, { allowedOrigins: [...site.allowedOrigins, ...missing] }, now))!;
}

async function ensureSite(db: Db, baseUrl: string, since: number, now: number): Promise<Site> {
  const origins = allowedOrigins(baseUrl);
  const existing = await findDemoSite(db);
  if (existing) return allowDemoOrigins(db, existing, baseUrl, now);
  // A setting left pointing at no site would block the insert below for good. (Only such a one:
  // a setting another call has just made points at its new site and stays.)
  await db
    .deleteFrom('settings')
    .where('key', '=', SITE_SETTING)
    .where('value', 'not in', db.selectFrom('sites').select('id'))
    .execute();
  const input = siteInput.parse({ name: DEMO_SITE_NAME, allowedOrigins: origins, disclosurePolicy: 'research' });
  try {
    // Site and setting together: two concurrent calls make one site, and the loser finds it.
    return await db.transaction().execute(async (trx) => {
      const site = await insertSite(trx, input, since);
      await trx.insertInto('settings').values({ key: SITE_SETTING, value: site.id, updatedAt: now }).execute();
      return site;
    });
  } catch (err) {
    const winner = isUniqueViolation(err) ? await findDemoSite(db) : undefined;
    if (!winner) throw err;
    return winner;
  }
}

/**
 * The base URL's origin; for a loopback address also its other spellings, since the server
 * printing `localhost` is often opened as `127.0.0.1` and the snippet's events would be refused.
 */
export function allowedOrigins(baseUrl: string): string[] {
  const url = new URL(baseUrl);
  const origins = [normaliseOrigin(url.origin)!];
  if (['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    for (const host of ['localhost', '127.0.0.1']) {
      const alias = new URL(url.origin);
      alias.hostname = host;
      if (!origins.includes(alias.origin)) origins.push(alias.origin);
    }
  }
  return origins;
}

/** The checks the admin API makes before a start (experiment-routes.ts), then the start itself. */
async function startExperiment(db: Db, site: Site, experiment: Experiment, at: number): Promise<void> {
  const [violation] = findPolicyViolations(site.disclosurePresets, experiment.variants);
  if (violation) throw new DemoError('disclosure_policy', `The demo experiment cannot run on this site: ${violation.message}.`);
  const holder = await findSlotHolder(db, site.id, experiment.slot, experiment.id);
  if (holder) {
    throw new DemoError('slot_busy', `Experiment "${holder.key}" already runs in the demo's slot "${experiment.slot}"; stop it to run the demo.`);
  }
  // False when another call started it meanwhile: it runs either way.
  await changeStatus(db, experiment.id, experiment.status, 'running', at);
}
