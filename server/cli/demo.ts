// `demo [--visitors N] [--seed TEXT]` (`npm run demo`): the demo site, its running experiment and
// simulated visitors sent through the event API inside this process; prints what it did.
import { createApp } from '../app.js';
import { createCatalog } from '../collect/catalog.js';
import { inProcessEventPoster } from '../collect/in-process.js';
import { createLastSeen } from '../collect/last-seen.js';
import { createWriter } from '../collect/writer.js';
import { DEMO_TRAFFIC } from '../demo/traffic-plan.js';
import { loadDemo } from '../demo/load.js';
import { DemoError } from '../demo/setup.js';
import { CommandError, UsageError, type Command, type CommandArgs, type CommandContext } from './command.js';

const MAX_VISITORS = 100_000;
const DEFAULT_VISITORS = DEMO_TRAFFIC.visitors;

export const DEMO_ARGS: NonNullable<Command['args']> = {
  usage: 'demo [--visitors N] [--seed TEXT]',
  options: { visitors: { type: 'string' }, seed: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

const count = (value: number) => value.toLocaleString('en');
const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`);

export async function demoCommand({ db, dialect, config, out, now }: CommandContext, args: CommandArgs): Promise<void> {
  const visitors = parseVisitors(args.values.visitors);
  const seed = typeof args.values.seed === 'string' ? args.values.seed.trim() || undefined : undefined;
  const catalog = createCatalog(db, { now });
  const writer = createWriter(db, dialect, { now });
  try {
    // The admin token plays no part: only the public event route is called, so no hash is needed.
    const deps = { db, dialect, config, adminTokenHash: '', now, catalog, writer, lastSeen: createLastSeen(db) };
    const loaded = await loadDemo(deps, inProcessEventPoster(createApp(deps)), { visitors, seed }).catch((err: unknown) => {
      throw err instanceof DemoError ? new CommandError(err.message) : err;
    });
    const { site, experiment } = loaded.demo;
    out(`Demo site "${site.name}" (id ${site.id}, key ${site.publicKey}), experiment "${experiment.key}" in slot "${experiment.slot}": ${experiment.status}.`);
    if (loaded.outcome === 'not_running') throw new CommandError(`The demo experiment is ${experiment.status} and takes no more visitors.`);
    if (loaded.outcome === 'already_loaded') {
      out(`Its simulated visitors were sent on ${new Date(loaded.loadedAt).toISOString().slice(0, 10)}; nothing more to do.`);
    } else {
      const { report } = loaded;
      out(`Sent ${count(report.visitors)} simulated visitors from the last 6 days through POST /v1/events: ${count(report.accepted)} events accepted.`);
      for (const variant of experiment.variants) {
        const arm = report.arms[variant.key];
        if (!arm) continue;
        const trust = arm.trustAnswers ? (arm.trustSum / arm.trustAnswers).toFixed(2) : '–';
        out(
          `  ${variant.key.padEnd(12)} ${count(arm.visitors).padStart(6)} visitors, clicked ${percent(arm.clicked, arm.visitors)}, added to cart ${percent(arm.addedToCart, arm.visitors)}, bought ${percent(arm.purchased, arm.visitors)}, trust ${trust}`,
        );
      }
    }
    out(`Start the server (npm start) and open ${config.publicUrl}/demo; its results: GET /api/experiments/${experiment.id}/results`);
  } finally {
    await writer.close();
  }
}

function parseVisitors(raw: CommandArgs['values'][string]): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_VISITORS) {
    throw new UsageError(`--visitors must be a whole number from 1 to ${MAX_VISITORS} (${DEFAULT_VISITORS} when left out), got "${String(raw)}".`);
  }
  return Number(raw);
}
