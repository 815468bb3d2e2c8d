// The demo shop (GET /demo): filled in by the demo work of issue 5.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

export function demoRoutes(_deps: AppDeps): Hono {
  return new Hono();
}
