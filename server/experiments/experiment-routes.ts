// Admin routes for experiments: create and list under a site; read, edit, delete a draft, and
// move through the life cycle. Once an experiment has run, what decides assignment is frozen.
import { isDeepStrictEqual } from 'node:util';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { resolveCreativeRefs } from '../creatives/media-ref.js';
import type { AppDeps } from '../deps.js';
import { isUniqueViolation } from '../db/errors.js';
import { HttpError } from '../errors.js';
import { parseInput, readJson } from '../http/validate.js';
import { canEdit, editScope, FROZEN_AFTER_START, NOTES } from './edit-rules.js';
import { CAPPED_REVENUE_NEEDS_A_CAP, cappedRevenueProblem, experimentInput, experimentPatch, type ExperimentPatch } from './experiment-input.js';
import {
  changeStatus,
  deleteDraftExperiment,
  findExperiment,
  findSlotHolder,
  insertExperiment,
  listExperiments,
  updateExperiment,
} from './experiment-queries.js';
import type { Experiment } from './model.js';
import { findPolicyViolations, findProvenanceWarnings } from './policy.js';
import { type ExperimentAnswer } from './response-schema.js';
import { findSite } from './site-queries.js';
import { allowedTransitions, canTransition, EXPERIMENT_STATUSES } from './status.js';

export const statusQuery = z.array(z.enum(EXPERIMENT_STATUSES)).max(EXPERIMENT_STATUSES.length);
export const statusChange = z.strictObject({ status: z.enum(EXPERIMENT_STATUSES) });


function withWarnings(experiment: Experiment): ExperimentAnswer {
  return { ...experiment, warnings: findProvenanceWarnings(experiment.variants) };
}

export function experimentRoutes({ db, now, catalog, config }: AppDeps): Hono {
  const app = new Hono();
  // Ingestion caches what runs; every change here must reach it before the next event does.
  app.use(async (c, next) => {
    await next();
    if (c.req.method !== 'GET') catalog.invalidate();
  });

  app.get('/sites/:siteId/experiments', async (c) => {
    const site = await requireSite(c.req.param('siteId'));
    const raw = c.req.query('status');
    const statuses = raw ? parseInput(z.object({ status: statusQuery }), { status: raw.split(',') }).status : undefined;
    return c.json({ experiments: await listExperiments(db, site.id, statuses) });
  });

  app.post('/sites/:siteId/experiments', async (c) => {
    const site = await requireSite(c.req.param('siteId'));
    const input = parseInput(experimentInput, await readBody(c));
    try {
      return c.json(withWarnings(await insertExperiment(db, site.id, input, now())), 201);
    } catch (err) {
      if (isUniqueViolation(err)) throw keyTaken(input.key);
      throw err;
    }
  });

  app.get('/experiments/:id', async (c) => c.json(withWarnings(await requireExperiment(c.req.param('id')))));

  app.patch('/experiments/:id', async (c) => {
    const experiment = await requireExperiment(c.req.param('id'));
    const body = await readBody(c);
    if (typeof body === 'object' && body !== null && 'seed' in body) {
      throw new HttpError('invalid_field', 'seed: is fixed when the experiment is created', 'seed');
    }
    const patch = parseInput(experimentPatch, body);
    refuseFrozenChanges(experiment, patch);
    const primary = patch.primaryMetric ?? experiment.primaryMetric;
    if ((patch.guardrailMetrics ?? experiment.guardrailMetrics).includes(primary)) {
      throw new HttpError('invalid_field', 'guardrailMetrics: the primary metric cannot also be a guardrail', 'guardrailMetrics');
    }
    const plan = { primaryMetric: primary, guardrailMetrics: patch.guardrailMetrics ?? experiment.guardrailMetrics, revenueCap: patch.revenueCap === undefined ? experiment.revenueCap : patch.revenueCap };
    if (cappedRevenueProblem(plan) !== null) throw new HttpError('invalid_field', `revenueCap: ${CAPPED_REVENUE_NEEDS_A_CAP}`, 'revenueCap');
    try {
      await updateExperiment(db, experiment, patch, now());
    } catch (err) {
      if (isUniqueViolation(err)) throw keyTaken(patch.key ?? experiment.key);
      throw err;
    }
    return c.json(withWarnings(await requireExperiment(experiment.id)));
  });

  app.delete('/experiments/:id', async (c) => {
    const experiment = await requireExperiment(c.req.param('id'));
    if (!(await deleteDraftExperiment(db, experiment.id))) {
      throw new HttpError('experiment_frozen', `Only a draft can be deleted; this one is ${experiment.status}. Stop and archive it instead.`);
    }
    return c.body(null, 204);
  });

  app.post('/experiments/:id/status', async (c) => {
    const experiment = await requireExperiment(c.req.param('id'));
    const { status: to } = parseInput(statusChange, await readJson(c));
    if (to === experiment.status) return c.json(withWarnings(experiment));
    if (!canTransition(experiment.status, to)) {
      const allowed = allowedTransitions(experiment.status);
      throw new HttpError(
        'invalid_transition',
        `An experiment cannot go from ${experiment.status} to ${to}; from ${experiment.status} it can go to ${allowed.length ? allowed.join(' or ') : 'nothing: it is final'}.`,
        'status',
      );
    }
    if (to === 'running') await checkReadyToRun(experiment);
    if (!(await changeStatus(db, experiment.id, experiment.status, to, now()))) {
      throw new HttpError('invalid_transition', 'The experiment changed status meanwhile; read it again and retry.', 'status');
    }
    return c.json(withWarnings(await requireExperiment(experiment.id)));
  });

  /** The JSON body, with each variant's uploaded-creative reference turned into its media (creatives/media-ref.ts). */
  async function readBody(c: Context): Promise<unknown> {
    const resolved = await resolveCreativeRefs(db, config.publicUrl, await readJson(c));
    if ('field' in resolved) throw new HttpError('invalid_field', resolved.message, resolved.field);
    return resolved.body;
  }

  async function requireSite(id: string) {
    const site = await findSite(db, id);
    if (!site) throw new HttpError('not_found', `No site with id "${id}".`);
    return site;
  }

  async function requireExperiment(id: string): Promise<Experiment> {
    const experiment = await findExperiment(db, id);
    if (!experiment) throw new HttpError('not_found', `No experiment with id "${id}".`);
    return experiment;
  }

  async function checkReadyToRun(experiment: Experiment) {
    const site = (await findSite(db, experiment.siteId))!;
    // Every broken rule at once, so a shop fixes its arms in one go; the message leads with the first.
    const violations = findPolicyViolations(site.disclosurePresets, experiment.variants);
    if (violations.length) {
      const [first] = violations;
      const more = violations.length > 1 ? ` (and ${violations.length - 1} more: see violations)` : '';
      throw new HttpError('disclosure_policy', `${first!.message}${more}.`, first!.field, undefined, { violations });
    }
    const holder = await findSlotHolder(db, site.id, experiment.slot, experiment.id);
    if (holder) {
      throw new HttpError('slot_busy', `Experiment "${holder.key}" already runs in slot "${experiment.slot}"; stop it first.`, 'slot');
    }
  }

  return app;
}

function keyTaken(key: string): HttpError {
  return new HttpError('key_taken', `The site already has an experiment with key "${key}".`, 'key');
}

/** Once run, changing what decides assignment or the analysis plan would bias the results. */
function refuseFrozenChanges(experiment: Experiment, patch: ExperimentPatch): void {
  if (editScope(experiment) === 'nothing') {
    throw new HttpError('experiment_frozen', 'An archived experiment is read-only.');
  }
  for (const field of [...FROZEN_AFTER_START, ...NOTES]) {
    const value = patch[field];
    if (value === undefined || canEdit(experiment, field)) continue;
    // Sending back the value it has is no change; variants are replaced whole, so never the same.
    if (field !== 'variants' && isDeepStrictEqual(value, experiment[field])) continue;
    throw new HttpError(
      'experiment_frozen',
      `${field} cannot change once an experiment has run: visitors were assigned and measured under the old value, so changing it would bias the results. Create a new experiment instead.`,
      field,
    );
  }
}
