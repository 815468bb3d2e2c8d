// Log in with the admin token. The token goes once to POST /api/session, which answers with an
// HttpOnly session cookie; the page never stores the token itself.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { Field, Notice } from '../ui/controls.js';

export function LoginPage({ expired, onLoggedIn }: { expired: boolean; onLoggedIn: () => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.logIn(token.trim());
      onLoggedIn();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'That is not the admin token. Check for a missing character and try again.' : (err as Error).message);
      setBusy(false);
    }
  };

  return (
    <main id="main" class="login">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div class="brand brand-large">
          <span class="brand-mark" aria-hidden="true" />
          Candor
        </div>
        <h1 id="login-title">Log in</h1>
        <p class="muted">See what AI-made creatives, and saying so, do to your audience.</p>
        {expired && <Notice tone="info">Your session has ended. Log in again to carry on.</Notice>}
        <Field id="token" label="Admin token" error={error} hint="Printed once when Candor first started, or the CANDOR_ADMIN_TOKEN you set.">
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="current-password"
            required
            value={token}
            onInput={(event) => setToken(event.currentTarget.value)}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'token-error' : 'token-hint'}
          />
        </Field>
        <button type="submit" class="button button-primary button-block" disabled={busy || token.trim() === ''}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
