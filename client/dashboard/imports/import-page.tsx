// Import a past test from a CSV file with a row per visitor (or per row, when there is no visitor
// column): pick the file, then its columns; the result is a stopped experiment whose results are
// computed like any other. The file goes up as it is; the server reads and checks all of it.
import { useState } from 'preact/hooks';
import { METRIC_NAMES, METRIC_REGISTRY } from '../../../server/metrics/registry.js';
import { api } from '../api.js';
import { count } from '../format.js';
import { Link, paths } from '../router.js';
import type { ImportAnswer } from '../types.js';
import { ErrorNotice, Field, fieldError, Loading, Notice, PageHeader } from '../ui/controls.js';
import { useLoad } from '../ui/use-load.js';
import { ArmRows, MetricRows } from './import-rows.js';
import { emptyImportForm, importQuery, keyFromFileName, type ImportForm } from './import-form.js';
import { previewCsv, valuesOf, type CsvPreview } from './csv-preview.js';

/** The picker's words for each metric, the registry's. */
const METRIC_LABELS: Record<string, string> = Object.fromEntries(METRIC_NAMES.map((metric) => [metric, METRIC_REGISTRY[metric].label]));

export function ImportPage() {
  const { data: sites, error: sitesError } = useLoad(() => api.sites(), []);
  const [form, setForm] = useState<ImportForm>(() => emptyImportForm());
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ImportAnswer | null>(null);

  if (sitesError) return <ErrorNotice error={sitesError} />;
  if (!sites) return <Loading what="your sites" />;
  const siteId = form.siteId || sites[0]?.id || '';
  const update = (patch: Partial<ImportForm>) => setForm((current) => ({ ...current, ...patch }));
  const columns = (preview?.columns ?? []).filter(Boolean);
  const arms = preview && form.armColumn ? valuesOf(preview, form.armColumn) : [];

  const pick = async (chosen: File | null) => {
    setFile(chosen);
    setError(null);
    try {
      setPreview(chosen ? await previewCsv(chosen) : null);
    } catch (problem) {
      // A malformed file (an unclosed quote, say) is named now, with its line, not at upload.
      setPreview(null);
      setError(problem);
    }
    if (chosen && !form.key) update({ key: keyFromFileName(chosen.name), name: chosen.name.replace(/\.[^.]+$/, '') });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setDone(await api.importCsv(importQuery({ ...form, siteId }), file));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (sites.length === 0) {
    return (
      <>
        <PageHeader title="Import a past test" />
        <p class="empty">
          An imported test belongs to a site. <Link href={paths.newSite()}>Create a site</Link> first.
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Import a past test" eyebrow="Import" />
      <p class="lead narrow-text">
        Bring an A/B test you ran elsewhere: a CSV file with one row per visitor, the arm each saw, and what they did. Candor analyses it
        with the same statistics as a live test.
      </p>
      {done && (
        <Notice tone="success" title={`Imported “${done.experiment.name}”`}>
          {count(done.report.rowsKept)} of {count(done.report.rowsRead)} rows kept, in {Object.keys(done.report.visitorsPerArm).length} arms.{' '}
          <Link href={paths.results(done.experiment.id)}>See the results</Link>
        </Notice>
      )}
      <form class="form card" onSubmit={submit} aria-label="Import a past test">
        <ErrorNotice error={error} />
        <div class="row">
          <Field id="import-file" label="CSV file" hint={preview ? `${columns.length} columns found.` : 'One row per visitor; a header row names the columns.'}>
            <input id="import-file" type="file" accept=".csv,text/csv" required onChange={(event) => void pick(event.currentTarget.files?.[0] ?? null)} />
          </Field>
          <Field id="import-site" label="Site" error={fieldError(error, 'site')}>
            <select id="import-site" value={siteId} onChange={(event) => update({ siteId: event.currentTarget.value })}>
              {sites.map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div class="row">
          <Field id="import-name" label="Name">
            <input id="import-name" value={form.name} maxLength={120} onInput={(event) => update({ name: event.currentTarget.value })} />
          </Field>
          <Field id="import-key" label="Key" error={fieldError(error, 'key')}>
            <input id="import-key" required value={form.key} maxLength={64} pattern="[a-z0-9][a-z0-9_\-]*" onInput={(event) => update({ key: event.currentTarget.value })} />
          </Field>
        </div>
        <div class="row">
          <ColumnSelect id="import-arm" label="Arm column" value={form.armColumn} columns={columns} required onChange={(armColumn) => update({ armColumn })} error={fieldError(error, 'arm')} />
          <Field id="import-control" label="Control arm (its value in that column)" error={fieldError(error, 'control')}>
            <input id="import-control" list="import-arms" required value={form.control} onInput={(event) => update({ control: event.currentTarget.value })} />
            <datalist id="import-arms">
              {arms.map((arm) => (
                <option key={arm} value={arm} />
              ))}
            </datalist>
          </Field>
        </div>
        <div class="row">
          <ColumnSelect id="import-visitor" label="Visitor id column" value={form.visitorColumn} columns={columns} empty="None: each row is a visitor" onChange={(visitorColumn) => update({ visitorColumn })} />
          <ColumnSelect id="import-day" label="Day column" value={form.dayColumn} columns={columns} empty="None" onChange={(dayColumn) => update({ dayColumn })} />
        </div>
        <MetricRows metrics={form.metrics} columns={columns} metricNames={METRIC_NAMES} labels={METRIC_LABELS} error={error} onChange={(metrics) => update({ metrics })} />
        <SegmentColumns chosen={form.segmentColumns} columns={columns} error={fieldError(error, 'segment')} onChange={(segmentColumns) => update({ segmentColumns })} />
        <ArmRows arms={form.arms} suggestions={arms} onChange={(next) => update({ arms: next })} />
        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={busy || !file}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </>
  );
}

/** At most four columns whose values segment the visitors (zip code, new customer, channel). */
function SegmentColumns({ chosen, columns, error, onChange }: { chosen: string[]; columns: string[]; error: string | null; onChange: (chosen: string[]) => void }) {
  const full = chosen.length >= 4;
  return (
    <fieldset class="checkbox-group" aria-describedby="import-segments-hint">
      <legend>Segment columns</legend>
      <p class="hint" id="import-segments-hint">
        Up to four columns whose values split the visitors (a zip code, new or returning, a channel), each of at most 50 values: results can then be read by segment.
      </p>
      {error && <p class="field-error">{error}</p>}
      <div class="checkboxes">
        {columns.map((column) => {
          const on = chosen.includes(column);
          return (
            <label key={column} class="checkbox">
              <input type="checkbox" checked={on} disabled={!on && full} onChange={() => onChange(on ? chosen.filter((c) => c !== column) : [...chosen, column])} />
              {column}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

interface ColumnSelectProps {
  id: string;
  label: string;
  value: string;
  columns: string[];
  empty?: string;
  required?: boolean;
  error?: string | null;
  onChange: (value: string) => void;
}

export function ColumnSelect({ id, label, value, columns, empty, required, error, onChange }: ColumnSelectProps) {
  return (
    <Field id={id} label={label} error={error ?? null}>
      <select id={id} value={value} required={required} onChange={(event) => onChange(event.currentTarget.value)}>
        <option value="">{empty ?? (columns.length ? 'Choose a column' : 'Pick the file first')}</option>
        {columns.map((column) => (
          <option key={column} value={column}>
            {column}
          </option>
        ))}
      </select>
    </Field>
  );
}
