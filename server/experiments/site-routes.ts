// Admin routes for sites: create, list, read, edit.
import { isDeepStrictEqual } from 'node:util';
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { readInput } from '../http/validate.js';
import { listExperiments } from './experiment-queries.js';
import { findPolicyViolations, presetsWithPolicy } from './policy.js';
import { siteInput, sitePatch } from './site-input.js';
import { findSite, insertSite, listSites, updateSite } from './site-queries.js';
import { LIVE_STATUSES } from './status.js';
import type { DisclosurePreset } from './vocabulary.js';

export function siteRoutes({ db, now, catalog }: AppDeps): Hono {
  const app = new Hono();
  // A new site, or new origins, must reach the public routes' cache before the next request.
  app.use(async (c, next) => {
    await next();
    if (c.req.method !== 'GET') catalog.invalidate();
  });

  app.get('/sites', async (c) => c.json({ sites: await listSites(db) }));

  app.post('/sites', async (c) => {
    const input = await readInput(c, siteInput);
    return c.json(await insertSite(db, input, now()), 201);
  });

  app.get('/sites/:id', async (c) => c.json(await requireSite(c.req.param('id'))));

  app.patch('/sites/:id', async (c) => {
    const site = await requireSite(c.req.param('id'));
    const { disclosurePolicy, ...patch } = await readInput(c, sitePatch);
    // An older client's policy word replaces strict or research and keeps the legal presets.
    const presets = patch.disclosurePresets ?? (disclosurePolicy ? presetsWithPolicy(site.disclosurePresets, disclosurePolicy) : undefined);
    if (presets && !isDeepStrictEqual([...presets].sort(), [...site.disclosurePresets].sort())) {
      await refusePresetsBrokenByLiveExperiments(site.id, presets, patch.disclosurePresets ? 'disclosurePresets' : 'disclosurePolicy');
    }
    return c.json(await updateSite(db, site.id, { ...patch, ...(presets && { disclosurePresets: presets }) }, now()));
  });

  async function requireSite(id: string) {
    const site = await findSite(db, id);
    if (!site) throw new HttpError('not_found', `No site with id "${id}".`);
    return site;
  }

  // A stricter policy cannot be switched on under an experiment that already breaks it:
  // stop that experiment first, or its visitors would keep seeing what the policy forbids.
  async function refusePresetsBrokenByLiveExperiments(siteId: string, presets: readonly DisclosurePreset[], field: string) {
    for (const experiment of await listExperiments(db, siteId, LIVE_STATUSES)) {
      const [violation] = findPolicyViolations(presets, experiment.variants);
      if (violation) {
        throw new HttpError(
          'disclosure_policy',
          `Experiment "${experiment.key}" is ${experiment.status} and breaks the presets asked for: ${violation.message}. Stop it first.`,
          field,
          undefined,
          { violations: [violation] },
        );
      }
    }
  }

  return app;
}
