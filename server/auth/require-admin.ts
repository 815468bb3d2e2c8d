// Middleware guarding the admin API: `Authorization: Bearer <token>` (compared in constant time),
// or the dashboard's session cookie. A cookie rides along on any request the browser makes, so
// writes made with it must also come from the dashboard's own origin.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { tokenMatches } from './admin-token.js';
import { isSameOrigin } from './request-origin.js';
import { isLiveSession, SESSION_COOKIE } from './session.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AdminGuardDeps = Pick<AppDeps, 'db' | 'adminTokenHash' | 'config' | 'now'>;

export function requireAdmin({ db, adminTokenHash, config, now }: AdminGuardDeps): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match?.[1] || !tokenMatches(match[1], adminTokenHash)) throw unauthorized(c, 'The admin token is not valid.');
      return next();
    }
    if (!(await isLiveSession(db, adminTokenHash, getCookie(c, SESSION_COOKIE), now()))) {
      throw unauthorized(c, 'Log in, or send the admin token as "Authorization: Bearer <token>".');
    }
    if (!SAFE_METHODS.has(c.req.method) && !isSameOrigin(c, config)) throw crossOrigin();
    return next();
  };
}

export function crossOrigin(): HttpError {
  return new HttpError('origin_not_allowed', 'This request came from another site; the dashboard accepts changes from its own pages only.');
}

function unauthorized(c: Parameters<MiddlewareHandler>[0], message: string): HttpError {
  c.header('WWW-Authenticate', 'Bearer realm="candor"');
  return new HttpError('unauthorized', message);
}
