// The dashboard's pages and session login: filled in by issue 6.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

export function dashboardRoutes(_deps: AppDeps): Hono {
  return new Hono();
}
