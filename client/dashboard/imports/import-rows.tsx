// The import form's repeated rows: which column holds which metric (with the label the results
// will use), and what each arm's creative was (origin, disclosure), for the disclosure analysis.
import type { ArmForm, MetricMappingForm } from './import-form.js';
import { fieldError } from '../ui/controls.js';

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface MetricRowsProps {
  metrics: MetricMappingForm[];
  columns: string[];
  metricNames: readonly string[];
  labels: Record<string, string>;
  error: unknown;
  onChange: (metrics: MetricMappingForm[]) => void;
}

export function MetricRows({ metrics, columns, metricNames, labels, error, onChange }: MetricRowsProps) {
  const set = (index: number, patch: Partial<MetricMappingForm>) => onChange(metrics.map((entry, at) => (at === index ? { ...entry, ...patch } : entry)));
  return (
    <fieldset class="subsection">
      <legend>Metrics</legend>
      <p class="hint">Each column to analyse, and what it measured. A 0/1 column is a rate; any other number a mean.</p>
      {fieldError(error, 'metric') && <p class="field-error">{fieldError(error, 'metric')}</p>}
      {metrics.map((mapping, index) => (
        <div class="repeat-row" key={index}>
          <label>
            <span class="small">Column</span>
            <select value={mapping.column} onChange={(event) => set(index, { column: event.currentTarget.value })} aria-label={`Column of metric ${index + 1}`}>
              <option value="">Choose</option>
              {columns.map((column) => (
                <option key={column} value={column}>
                  {column}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span class="small">Measures</span>
            <select value={mapping.metric} onChange={(event) => set(index, { metric: event.currentTarget.value })} aria-label={`Metric ${index + 1}`}>
              {metricNames.map((metric) => (
                <option key={metric} value={metric}>
                  {capital(labels[metric] ?? metric)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span class="small">Shown as</span>
            <input value={mapping.label} placeholder={mapping.column || 'The column’s name'} maxLength={120} onInput={(event) => set(index, { label: event.currentTarget.value })} />
          </label>
          <button type="button" class="button button-small button-quiet" disabled={metrics.length === 1} onClick={() => onChange(metrics.filter((_, at) => at !== index))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" class="button button-small" onClick={() => onChange([...metrics, { column: '', metric: 'clicked', label: '' }])}>
        Add a metric
      </button>
    </fieldset>
  );
}

export function ArmRows({ arms, suggestions, onChange }: { arms: ArmForm[]; suggestions: string[]; onChange: (arms: ArmForm[]) => void }) {
  const set = (index: number, patch: Partial<ArmForm>) => onChange(arms.map((entry, at) => (at === index ? { ...entry, ...patch } : entry)));
  return (
    <fieldset class="subsection">
      <legend>Creatives (optional)</legend>
      <p class="hint">Say which arms were AI-made or disclosed, to get the origin × disclosure analysis. Arms not listed count as traditional, undisclosed.</p>
      {arms.map((arm, index) => (
        <div class="repeat-row" key={index}>
          <label>
            <span class="small">Arm</span>
            <input value={arm.arm} list="import-arms" onInput={(event) => set(index, { arm: event.currentTarget.value })} />
          </label>
          <label>
            <span class="small">Origin</span>
            <select value={arm.origin} onChange={(event) => set(index, { origin: event.currentTarget.value as ArmForm['origin'] })}>
              <option value="traditional">Traditional</option>
              <option value="ai">AI-generated</option>
              <option value="hybrid">Hybrid</option>
            </select>
          </label>
          <label>
            <span class="small">Disclosure</span>
            <select value={arm.disclosure} onChange={(event) => set(index, { disclosure: event.currentTarget.value as ArmForm['disclosure'] })}>
              <option value="none">None</option>
              <option value="label">Label</option>
              <option value="caption">Caption</option>
              <option value="badge">Badge</option>
              <option value="credentials">Content Credentials</option>
            </select>
          </label>
          <button type="button" class="button button-small button-quiet" onClick={() => onChange(arms.filter((_, at) => at !== index))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" class="button button-small" onClick={() => onChange([...arms, { arm: suggestions.find((value) => !arms.some((entry) => entry.arm === value)) ?? '', origin: 'ai', disclosure: 'none' }])}>
        Describe an arm
      </button>
    </fieldset>
  );
}
