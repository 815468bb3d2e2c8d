// Shared set-up for ingestion tests: a site with a running experiment, and events for a
// visitor in the arm the hash gives them.
import { randomUUID } from 'node:crypto';
import { assignVariant } from '../../server/assign/index.js';
import { INGEST_LIMITS } from '../../server/collect/vocabulary.js';
import type { TestApp } from '../helpers/app.js';
import { createExperiment, createSite, setStatus } from '../helpers/fixtures.js';

/**
 * A site and its experiment, started a week before the clock (the oldest timestamp ingestion
 * takes), so that any event a test stamps in the past is after the start.
 */
export async function runningSetup(t: TestApp, overrides: Record<string, unknown> = {}, siteOverrides: Record<string, unknown> = {}) {
  const site = await createSite(t, { allowedOrigins: ['https://aurum.example'], ...siteOverrides });
  const experiment = await createExperiment(t, site.id, { key: 'hero', ...overrides });
  const reply = await setStatusAWeekAgo(t, experiment.id, 'running');
  if (reply.status !== 200) throw new Error(JSON.stringify(reply.body));
  return { site, experiment: reply.body };
}

/** Changes an experiment's status as if a week before the clock: a start then precedes any event ingestion takes. */
export async function setStatusAWeekAgo(t: TestApp, experimentId: string, status: string) {
  const now = t.clock.now;
  t.clock.now = now - INGEST_LIMITS.maxAgeMs;
  try {
    return await setStatus(t, experimentId, status);
  } finally {
    t.clock.now = now;
  }
}

export function armOf(experiment: any, visitor: string): any {
  const weights = experiment.variants.map((variant: { weight: number }) => variant.weight);
  const index = assignVariant({ seed: experiment.seed, coverage: experiment.coverage, weights }, visitor);
  return index === -1 ? null : experiment.variants[index];
}

export function event(type: string, ts: number, fields: Record<string, unknown> = {}) {
  return { id: randomUUID(), type, ts, ...fields };
}

/** An event about the experiment, in the visitor's own arm. */
export function armEvent(experiment: any, visitor: string, type: string, ts: number, fields: Record<string, unknown> = {}) {
  return event(type, ts, { experiment: experiment.key, variant: armOf(experiment, visitor).key, ...fields });
}

export async function send(t: TestApp, site: any, visitor: string, events: unknown[], headers: Record<string, string> = {}) {
  return t.call('POST', '/v1/events', undefined, {
    token: null,
    raw: JSON.stringify({ site: site.publicKey, visitor, events }),
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
  });
}
