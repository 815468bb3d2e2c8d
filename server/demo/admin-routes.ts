// Admin routes for the demo (load it from the dashboard's welcome screen): filled in by the demo work.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

export function demoAdminRoutes(_deps: AppDeps): Hono {
  return new Hono();
}
