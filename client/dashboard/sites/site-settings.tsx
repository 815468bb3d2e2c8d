// Create or edit a site: its name, the page origins allowed to send events, its currency and its
// disclosure policy. A new site goes straight to its install page.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { navigate, paths } from '../router.js';
import type { Site } from '../types.js';
import { ErrorNotice, Field, fieldError, Notice, PageHeader } from '../ui/controls.js';

type Policy = Site['disclosurePolicy'];

const POLICIES: Array<{ value: Policy; name: string; description: string }> = [
  { value: 'strict', name: 'Strict', description: 'Every AI-made or AI-assisted creative carries a disclosure. The safe choice for most shops.' },
  {
    value: 'research',
    name: 'Research',
    description: 'Undisclosed AI arms are allowed, to measure what disclosing does, except where a real person’s likeness appears.',
  },
];

export function policyName(policy: Policy): string {
  return `${POLICIES.find((entry) => entry.value === policy)?.name ?? policy} disclosure policy`;
}

export function SiteSettings({ site, onSaved }: { site?: Site; onSaved?: (site: Site) => void }) {
  const [name, setName] = useState(site?.name ?? '');
  const [origins, setOrigins] = useState((site?.allowedOrigins ?? []).join('\n'));
  const [policy, setPolicy] = useState<Policy>(site?.disclosurePolicy ?? 'strict');
  const [currency, setCurrency] = useState(site?.currency ?? 'USD');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    const body = {
      name,
      allowedOrigins: origins.split(/[\s,]+/).filter(Boolean),
      disclosurePolicy: policy,
      currency: currency.trim().toUpperCase(),
    };
    try {
      const answer = site ? await api.updateSite(site.id, body) : await api.createSite(body);
      if (site) {
        setSaved(true);
        onSaved?.(answer);
      } else {
        navigate(paths.site(answer.id));
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const form = (
    <form class="form" onSubmit={submit} aria-label={site ? 'Site settings' : 'New site'}>
      <ErrorNotice error={error} />
      {saved && <Notice tone="success">Saved.</Notice>}
      <Field id="site-name" label="Name" error={fieldError(error, 'name')}>
        <input id="site-name" required maxLength={120} value={name} onInput={(event) => setName(event.currentTarget.value)} placeholder="Aurum Jewellery" />
      </Field>
      <Field
        id="site-origins"
        label="Allowed origins"
        error={fieldError(error, 'allowedOrigins')}
        hint="The addresses of the shop's pages, one a line, such as https://shop.example. Events from other pages are refused."
      >
        <textarea id="site-origins" rows={3} value={origins} onInput={(event) => setOrigins(event.currentTarget.value)} placeholder="https://shop.example" />
      </Field>
      <Field
        id="site-currency"
        label="Currency"
        error={fieldError(error, 'currency')}
        hint="The shop's currency (ISO 4217, such as EUR). Revenue in another currency is refused and counted, never added in."
      >
        <input id="site-currency" required maxLength={3} size={4} value={currency} onInput={(event) => setCurrency(event.currentTarget.value)} />
      </Field>
      <fieldset class="field">
        <legend>Disclosure policy</legend>
        {POLICIES.map((entry) => (
          <label class="radio-card" key={entry.value}>
            <input type="radio" name="policy" value={entry.value} checked={policy === entry.value} onChange={() => setPolicy(entry.value)} />
            <span>
              <strong>{entry.name}</strong>
              <span class="muted small">{entry.description}</span>
            </span>
          </label>
        ))}
        {fieldError(error, 'disclosurePolicy') && <p class="field-error">{fieldError(error, 'disclosurePolicy')}</p>}
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {site ? 'Save settings' : 'Create site'}
        </button>
      </div>
    </form>
  );

  if (site) return form;
  return (
    <>
      <PageHeader title="New site" eyebrow="Sites" />
      <section class="card narrow">{form}</section>
    </>
  );
}
