// Admin route for privacy requests: DELETE /api/visitors/:id erases a visitor everywhere.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { deleteVisitor } from './delete-visitor.js';
import { INGEST_LIMITS } from './vocabulary.js';

export function visitorRoutes({ db, dialect }: AppDeps): Hono {
  const app = new Hono();
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
