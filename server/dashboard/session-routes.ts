// Dashboard login and logout (/api/session), mounted before the admin guard: POST trades the
// admin token for a session cookie, DELETE ends the session, GET says whether there is one.
// The dashboard's own admin reads (the installation check) hang here too, each behind the guard.
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { tokenMatches } from '../auth/admin-token.js';
import { isHttps, isSameOrigin } from '../auth/request-origin.js';
import { crossOrigin } from '../auth/require-admin.js';
import { createSession, deleteSession, isLiveSession, SESSION_COOKIE } from '../auth/session.js';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { readInput } from '../http/validate.js';
import { installationRoutes } from './installation-route.js';

export const loginInput = z.strictObject({ token: z.string().max(512) });

export function sessionRoutes(deps: AppDeps): Hono {
  const { db, adminTokenHash, config, now } = deps;
  const app = new Hono();

  app.get('/session', async (c) => {
    c.header('Cache-Control', 'no-store');
    const authenticated = await isLiveSession(db, adminTokenHash, getCookie(c, SESSION_COOKIE), now());
    return c.json({ authenticated });
  });

  app.post('/session', async (c) => {
    // A forged login would put the victim in a session the attacker chose: same-origin only.
    if (!isSameOrigin(c, config)) throw crossOrigin();
    const { token } = await readInput(c, loginInput);
    if (!tokenMatches(token, adminTokenHash)) throw new HttpError('unauthorized', 'That is not the admin token.', 'token');
    const session = await createSession(db, adminTokenHash, now());
    setCookie(c, SESSION_COOKIE, session.id, { ...cookieFlags(c), maxAge: Math.floor((session.expiresAt - now()) / 1000) });
    c.header('Cache-Control', 'no-store');
    return c.json({ authenticated: true, expiresAt: session.expiresAt });
  });

  app.delete('/session', async (c) => {
    if (!isSameOrigin(c, config)) throw crossOrigin();
    await deleteSession(db, adminTokenHash, getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, cookieFlags(c));
    return c.body(null, 204);
  });

  function cookieFlags(c: Context) {
    return { path: '/', httpOnly: true, sameSite: 'Strict', secure: isHttps(c, config) } as const;
  }

  app.route('/', installationRoutes(deps));
  return app;
}
