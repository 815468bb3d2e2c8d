// What each status lets an edit change: the table the PATCH route and the dashboard's editor share,
// and the route answering exactly as the table says in every status.
import { describe, expect, it } from 'vitest';
import { canEdit, editScope, FROZEN_AFTER_START, NOTES, type EditableField } from '../../server/experiments/edit-rules.js';
import { EXPERIMENT_STATUSES, isLive, LIVE_STATUSES } from '../../server/experiments/status.js';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, createSite, setStatus } from '../helpers/fixtures.js';

const STARTED = 1_700_000_000_000;
const state = (status: (typeof EXPERIMENT_STATUSES)[number]) => ({ status, startedAt: status === 'draft' ? null : STARTED, importedAt: null });

describe('what an edit may change', () => {
  it.each([
    ['draft', 'everything', true, true],
    ['running', 'notes', true, false],
    ['paused', 'notes', true, false],
    ['stopped', 'notes', true, false],
    ['archived', 'nothing', false, false],
  ] as const)('a %s experiment: %s (notes %s, plan %s)', (status, scope, notes, plan) => {
    expect(editScope(state(status))).toBe(scope);
    for (const field of NOTES) expect(canEdit(state(status), field), field).toBe(notes);
    for (const field of FROZEN_AFTER_START) expect(canEdit(state(status), field), field).toBe(plan);
  });

  it('freezes the plan of an imported test, which never started here, and leaves its notes editable', () => {
    const imported = { status: 'stopped' as const, startedAt: null, importedAt: STARTED };
    expect(editScope(imported)).toBe('notes');
    expect(canEdit(imported, 'variants')).toBe(false);
    expect(canEdit(imported, 'hypothesis')).toBe(true);
  });

  it('calls running and paused, and only those, live', () => {
    expect(EXPERIMENT_STATUSES.filter(isLive)).toEqual(['running', 'paused']);
    expect(LIVE_STATUSES).toEqual(['running', 'paused']);
  });
});

const CHANGES: Array<[EditableField, unknown]> = [
  ['name', 'A new name'],
  ['hypothesis', 'A new hypothesis'],
  ['guardrailMetrics', ['trust']],
  ['slot', 'another-slot'],
];
const PATHS: Record<string, string[]> = { draft: [], running: ['running'], paused: ['running', 'paused'], stopped: ['running', 'stopped'], archived: ['running', 'stopped', 'archived'] };

describeEachDialect('the PATCH route follows the edit rules', (database) => {
  for (const status of EXPERIMENT_STATUSES) {
    it(`accepts and refuses on a ${status} experiment exactly what the table says`, async () => {
      const t = buildTestApp(database());
      const site = await createSite(t);
      const experiment = await createExperiment(t, site.id);
      for (const step of PATHS[status]!) expect((await setStatus(t, experiment.id, step)).status).toBe(200);
      const current = (await t.call('GET', `/api/experiments/${experiment.id}`)).body;
      for (const [field, value] of CHANGES) {
        const reply = await t.call('PATCH', `/api/experiments/${experiment.id}`, { [field]: value });
        const allowed = canEdit(current, field);
        expect(reply.status, `${status} ${field}: ${JSON.stringify(reply.body)}`).toBe(allowed ? 200 : 409);
        if (!allowed) expect(reply.body.error.code).toBe('experiment_frozen');
      }
    });
  }
});
