// Create or edit a site: its name, the page origins allowed to send events, its currency and its
// disclosure presets (each with its rule's summary and source). A new site goes straight to its install page.
import { useState } from 'preact/hooks';
import { citeSource, NOT_LEGAL_ADVICE, PLATFORM_NOTES, PRESET_ORDER, PRESET_RULES } from '../../../server/experiments/policy-rules.js';
import { api } from '../api.js';
import { navigate, paths } from '../router.js';
import type { Site } from '../types.js';
import { ErrorNotice, Field, fieldError, Notice, PageHeader } from '../ui/controls.js';

type Preset = Site['disclosurePresets'][number];

/** One line for the site list: the presets' titles. */
export function presetsName(presets: readonly Preset[]): string {
  return presets.map((preset) => PRESET_RULES[preset].title.split(':')[0]).join(' + ');
}

/** strict and research answer the same question two ways: ticking one unticks the other. */
function toggled(presets: readonly Preset[], preset: Preset, on: boolean): Preset[] {
  const rival: Partial<Record<Preset, Preset>> = { strict: 'research', research: 'strict' };
  const rest = presets.filter((entry) => entry !== preset && (!on || entry !== rival[preset]));
  return on ? [...rest, preset] : rest;
}

export function SiteSettings({ site, onSaved }: { site?: Site; onSaved?: (site: Site) => void }) {
  const [name, setName] = useState(site?.name ?? '');
  const [origins, setOrigins] = useState((site?.allowedOrigins ?? []).join('\n'));
  const [presets, setPresets] = useState<Preset[]>(site?.disclosurePresets ?? ['strict']);
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
      disclosurePresets: presets,
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
      <fieldset class="field" aria-label="Disclosure presets">
        <legend>Disclosure presets</legend>
        <p class="muted small">Checked when an experiment starts: an arm that breaks a preset does not run. {NOT_LEGAL_ADVICE}</p>
        {PRESET_ORDER.map((preset) => {
          const rule = PRESET_RULES[preset];
          return (
            <label class="radio-card" key={preset}>
              <input type="checkbox" name="presets" value={preset} checked={presets.includes(preset)} onChange={(event) => setPresets(toggled(presets, preset, event.currentTarget.checked))} />
              <span>
                <strong>{rule.title}</strong>
                <span class="muted small">{rule.summary}</span>
                <span class="muted small">Source: {citeSource(rule)}</span>
              </span>
            </label>
          );
        })}
        {fieldError(error, 'disclosurePresets') && <p class="field-error">{fieldError(error, 'disclosurePresets')}</p>}
        <p class="muted small">For creatives reused in ads elsewhere (a note, not checked):</p>
        <ul class="muted small platform-notes">
          {PLATFORM_NOTES.map((entry) => (
            <li key={entry.platform}>
              <strong>{entry.platform}</strong>: {entry.note}
            </li>
          ))}
        </ul>
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
