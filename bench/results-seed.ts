// The results bench's site and experiment, made on a fresh SQLite file through Candor's own
// schema and admin API (app.request(), no server), with the clock set to the day it started so
// the experiment has run for the ~30 cohort days its events cover. A second shop with its own
// running experiment lives in the same database: the results bench posts events to it while it
// times the first one's document, whose sums those events do not move.
import { randomBytes } from 'node:crypto';
import { createApp } from '../server/app.js';
import { hashToken } from '../server/auth/admin-token.js';
import { createCatalog } from '../server/collect/catalog.js';
import { createLastSeen } from '../server/collect/last-seen.js';
import { createWriter } from '../server/collect/writer.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/connect.js';
import { applySchema } from '../server/db/schema.js';
import type { ExperimentShape } from './ingest-bodies.js';
import { adminCaller, seedRunningExperiment } from './servers/seed.js';

export const PLANNED_SAMPLE_SIZE = 1_000_000;

const ORIGIN = 'https://shop.example';
const image = (name: string) => ({ type: 'image', url: `https://cdn.shop.example/${name}.jpg`, alt: 'A gold ring on linen' });
const video = (name: string) => ({ type: 'video', url: `https://cdn.shop.example/${name}.mp4`, poster: `https://cdn.shop.example/${name}.jpg`, alt: 'A ring turning in light' });

/** Origin × disclosure, two by two: the factorial grid the results document analyses. */
const EXPERIMENT = {
  key: 'hero-ai-disclosure',
  name: 'AI video, and saying so, in the hero slot',
  hypothesis: 'A labelled AI video earns as many add-to-carts as the studio photo.',
  slot: 'hero',
  primaryMetric: 'added_to_cart',
  guardrailMetrics: ['trust', 'purchased'],
  plannedSampleSize: PLANNED_SAMPLE_SIZE,
  variants: [
    { key: 'studio', name: 'Studio photo', origin: 'traditional', control: true, media: image('studio') },
    { key: 'studio-credentials', name: 'Studio photo, Content Credentials', origin: 'traditional', disclosure: { style: 'credentials' }, media: image('studio-c2pa') },
    { key: 'ai-video', name: 'AI video, unlabelled', origin: 'ai', generator: 'Veo 3', media: video('ai') },
    { key: 'ai-video-label', name: 'AI video, labelled', origin: 'ai', generator: 'Veo 3', disclosure: { style: 'label', text: 'Made with AI' }, media: video('ai') },
  ],
};

/** A running experiment the ingestion load can post to, as GET /v1/config would show it to the snippet. */
export interface IngestTarget {
  siteKey: string;
  origin: string;
  experiment: ExperimentShape;
}

export interface SeededExperiment {
  siteId: string;
  /** Events for the measured experiment itself (they move its sums). */
  self: IngestTarget;
  /** Events for another shop's experiment in the same database (they do not). */
  other: IngestTarget;
  experimentId: string;
  seed: string;
  /** Variant ids in the order above. */
  variantIds: string[];
}

export async function seedExperiment(file: string, startedAt: number): Promise<SeededExperiment> {
  const adminToken = `bench_${randomBytes(24).toString('base64url')}`;
  const config = loadConfig({ CANDOR_DATABASE_URL: `sqlite:${file}`, CANDOR_ADMIN_TOKEN: adminToken });
  const { db, dialect, close } = openDatabase(config.database);
  const writer = createWriter(db, dialect);
  try {
    await applySchema(db, dialect);
    const app = createApp({ db, dialect, config, adminTokenHash: hashToken(adminToken), now: () => startedAt, catalog: createCatalog(db), writer, lastSeen: createLastSeen(db) });
    const call = adminCaller(app, adminToken);
    // research: the unlabelled AI arm is there to measure what labelling does.
    const site = await call('POST', '/api/sites', { name: 'Bench shop', allowedOrigins: [ORIGIN], disclosurePolicy: 'research' });
    const created = await call('POST', `/api/sites/${site.id}/experiments`, EXPERIMENT);
    const running = await call('POST', `/api/experiments/${created.id}/status`, { status: 'running' });
    if (running.status !== 'running' || running.startedAt !== startedAt) throw new Error(`the experiment did not start: ${JSON.stringify(running)}`);
    const other = await seedRunningExperiment(app, adminToken);
    const otherSite = ((await call('GET', '/api/sites', undefined)).sites as Array<{ id: string; publicKey: string }>).find((s) => s.publicKey === other.siteKey)!;
    const otherExperiments = (await call('GET', `/api/sites/${otherSite.id}/experiments`, undefined)).experiments as Array<Record<string, any>>;
    const otherExperiment = shapeOf(otherExperiments.find((e) => e.key === other.experimentKey)!);
    return {
      siteId: site.id as string,
      self: { siteKey: site.publicKey as string, origin: ORIGIN, experiment: shapeOf(created) },
      other: { siteKey: other.siteKey, origin: other.origin, experiment: otherExperiment },
      experimentId: created.id as string,
      seed: created.seed as string,
      variantIds: EXPERIMENT.variants.map((variant) => (created.variants as Array<{ key: string; id: string }>).find((v) => v.key === variant.key)!.id),
    };
  } finally {
    await writer.close();
    await close();
  }
}

function shapeOf(experiment: Record<string, any>): ExperimentShape {
  return {
    key: experiment.key as string,
    seed: experiment.seed as string,
    coverage: experiment.coverage as number,
    variants: (experiment.variants as Array<{ key: string; weight: number }>).map(({ key, weight }) => ({ key, weight })),
  };
}
