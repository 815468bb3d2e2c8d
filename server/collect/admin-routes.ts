// Admin routes of ingestion: what was dropped and why (a broken integration shows here first),
// and erasing a visitor for a privacy request.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { findSite } from '../experiments/site-queries.js';
import { parseInput } from '../http/validate.js';
import { deleteVisitor } from './delete-visitor.js';
import { DAY_MS, DROP_REASONS, INGEST_LIMITS, dayOf } from './vocabulary.js';

export const dropsQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(7) });

export function ingestionAdminRoutes({ db, dialect, now }: AppDeps): Hono {
  const app = new Hono();

  app.get('/sites/:id/drops', async (c) => {
    const site = await findSite(db, c.req.param('id'));
    if (!site) throw new HttpError('not_found', `No site with id "${c.req.param('id')}".`);
    const { days } = parseInput(dropsQuery, c.req.query());
    const today = dayOf(now());
    const rows = await db
      .selectFrom('dropCounts')
      .select(['day', 'reason', 'count'])
      .where('siteId', '=', site.id)
      .where('day', '>', today - days)
      .orderBy('day')
      .orderBy('reason')
      .execute();
    const totals = Object.fromEntries(DROP_REASONS.map((reason) => [reason, 0]));
    for (const row of rows) totals[row.reason] = (totals[row.reason] ?? 0) + row.count;
    return c.json({
      since: (today - days + 1) * DAY_MS,
      totals,
      byDay: rows.map((row) => ({ date: new Date(row.day * DAY_MS).toISOString().slice(0, 10), reason: row.reason, count: row.count })),
    });
  });

  app.delete('/visitors/:id', async (c) => {
    const visitorId = c.req.param('id');
    if (visitorId.length > INGEST_LIMITS.visitorLength) {
      throw new HttpError('invalid_field', `id: at most ${INGEST_LIMITS.visitorLength} characters`, 'id');
    }
    const deleted = await deleteVisitor(db, dialect, visitorId);
    return c.json({ visitor: visitorId, deletedEvents: deleted.events, deletedFacts: deleted.facts });
  });

  return app;
}
