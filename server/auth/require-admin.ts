// Middleware guarding the admin API: `Authorization: Bearer <token>`, compared in constant time.
import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../errors.js';
import { tokenMatches } from './admin-token.js';

export function requireAdmin(tokenHash: string): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1] || !tokenMatches(match[1], tokenHash)) {
      c.header('WWW-Authenticate', 'Bearer realm="candor"');
      throw new HttpError('unauthorized', header ? 'The admin token is not valid.' : 'Send the admin token as "Authorization: Bearer <token>".');
    }
    await next();
  };
}
