// The Shopify webhook's state on the install page: the last delivery ("verified 2 min ago", or the
// code it was refused with), and the form that sets its signing secret. The secret is write-only:
// the page only ever learns whether one is set.
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { secondsAgo } from '../../format.js';
import type { Installation } from '../../types.js';
import { ErrorNotice, Field, fieldError, Notice } from '../../ui/controls.js';

type WebhookState = Installation['shopify']['webhook'];

export function WebhookCheck({ webhook }: { webhook: WebhookState }) {
  if (webhook.lastAt === null || webhook.secondsAgo === null) {
    return (
      <p class="install-check install-waiting" role="status">
        <span class="dot" aria-hidden="true" />
        No webhook yet.
      </p>
    );
  }
  const verified = webhook.lastResult === 'verified';
  return (
    <p class={`install-check ${verified ? 'install-ok' : 'install-stale'}`} role="status">
      <span class="dot" aria-hidden="true" />
      {verified
        ? `Last webhook: verified, ${secondsAgo(webhook.secondsAgo)}.`
        : `Last webhook refused (${webhook.lastResult}) ${secondsAgo(webhook.secondsAgo)}: check the signing secret below.`}
    </p>
  );
}

export function WebhookSecretForm({ siteId, secretSet, onSaved }: { siteId: string; secretSet: boolean; onSaved: () => void }) {
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await api.updateSite(siteId, { shopifyWebhookSecret: secret.trim() });
      setSecret('');
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" onSubmit={submit} aria-label="Shopify webhook secret">
      <ErrorNotice error={error} />
      {saved && <Notice tone="success">Secret saved. Candor will not show it again.</Notice>}
      <Field
        id="webhook-secret"
        label="Webhook signing secret"
        error={fieldError(error, 'shopifyWebhookSecret')}
        hint={
          secretSet
            ? 'A secret is set. To change it, paste the new one.'
            : 'Shopify shows it under the webhooks list: “Your webhooks will be signed with …”. Paste it here.'
        }
      >
        <input id="webhook-secret" type="password" autocomplete="off" required value={secret} onInput={(event) => setSecret(event.currentTarget.value)} />
      </Field>
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy}>
          Save secret
        </button>
      </div>
    </form>
  );
}
