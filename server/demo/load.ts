// Loading the demo (the dashboard's "Load the demo", `npm run demo`): the demo site and
// experiment, then simulated visitors through the event API, once. A settings row records that
// the traffic was sent, so a second load adds no second helping of the same visitors.
import type { PostEvents } from '../collect/in-process.js';
import type { Db } from '../db/connect.js';
import type { AppDeps } from '../deps.js';
import { ensureDemo, type Demo } from './setup.js';
import { simulateDemoTraffic, type SimulationReport } from './simulate.js';

const TRAFFIC_SETTING = 'demo_traffic_loaded_at';

export type LoadOutcome =
  | { outcome: 'loaded'; demo: Demo; report: SimulationReport }
  | { outcome: 'already_loaded'; demo: Demo; loadedAt: number }
  /** Someone stopped the demo experiment: it takes no events any more. */
  | { outcome: 'not_running'; demo: Demo };

export interface LoadOptions {
  visitors?: number;
  seed?: string;
}

/** `post` is the app's own event submission (createApp hands it over), so the visitors count where real ones do. */
export async function loadDemo(deps: AppDeps, post: PostEvents, options: LoadOptions = {}): Promise<LoadOutcome> {
  const now = deps.now();
  const demo = await ensureDemo(deps.db, { baseUrl: deps.config.publicUrl, now, catalog: deps.catalog });
  if (demo.experiment.status !== 'running') return { outcome: 'not_running', demo };
  if (!(await claimTraffic(deps.db, now))) return { outcome: 'already_loaded', demo, loadedAt: await loadedAt(deps.db) };
  try {
    const report = await simulateDemoTraffic({
      post,
      siteKey: demo.site.publicKey,
      experiment: demo.experiment,
      now,
      ...options,
    });
    return { outcome: 'loaded', demo, report };
  } catch (err) {
    // What was sent stays (acknowledged events are kept); the claim goes, so a retry can finish.
    await deps.db.deleteFrom('settings').where('key', '=', TRAFFIC_SETTING).execute();
    throw err;
  }
}

/** Takes the one right to send the demo's traffic: false if it was taken before. */
async function claimTraffic(db: Db, now: number): Promise<boolean> {
  const result = await db
    .insertInto('settings')
    .values({ key: TRAFFIC_SETTING, value: String(now), updatedAt: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

async function loadedAt(db: Db): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', TRAFFIC_SETTING).executeTakeFirst();
  return Number(row?.value ?? 0);
}
