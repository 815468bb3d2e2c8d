// Dashboard login and logout (/api/session): filled in by issue 6. Mounted before the admin guard.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

export function sessionRoutes(_deps: AppDeps): Hono {
  return new Hono();
}
