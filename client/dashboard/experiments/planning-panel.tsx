// Planning before the start: from the shop's daily visitors, the planned effect and each metric's
// baseline today, how many days the test needs for 80% power (POST /api/plan). The planned
// effect is saved with the experiment; the traffic and baselines are only for the estimate.
import { useState } from 'preact/hooks';
import type { EditScope } from '../../../server/experiments/edit-rules.js';
import { METRIC_REGISTRY } from '../../../server/metrics/registry.js';
import { api } from '../api.js';
import { ErrorNotice, Field, fieldError } from '../ui/controls.js';
import type { ExperimentForm } from './experiment-form.js';
import { baselineKind, isProblem, needsSd, planRequest, planSentence, type BaselineForm, type PlanAnswer, type PlanProblem } from './plan-request.js';
import { fieldLocked, serverKnows } from './plan-settings.js';

/** The server's planned effect when none is given (server/results/build-results.ts). */
const DEFAULT_EFFECT = 0.1;

const BASELINE_LABELS = { rate: 'Rate today (%)', mean: 'Mean today', ratio: 'Value today' } as const;

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const labelOf = (metric: string) => METRIC_REGISTRY[metric as keyof typeof METRIC_REGISTRY]?.label ?? metric;

interface PlanningPanelProps {
  form: ExperimentForm;
  scope: EditScope;
  error: unknown;
  onChange: (patch: Partial<ExperimentForm>) => void;
}

export function PlanningPanel({ form, scope, error, onChange }: PlanningPanelProps) {
  const [daily, setDaily] = useState('');
  const [baselines, setBaselines] = useState<Record<string, BaselineForm>>({});
  const [problem, setProblem] = useState<PlanProblem | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [answer, setAnswer] = useState<PlanAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const metrics = [form.primaryMetric, ...form.guardrailMetrics.filter((metric) => metric !== form.primaryMetric)];
  const baseline = (metric: string) => baselines[metric] ?? { baseline: '', sd: '' };
  const setBaseline = (metric: string, patch: Partial<BaselineForm>) => setBaselines((current) => ({ ...current, [metric]: { ...baseline(metric), ...patch } }));
  const problemFor = (field: string) => (problem?.field === field ? problem.message : null);

  const estimate = async () => {
    setFailure(null);
    const body = planRequest({ dailyVisitors: daily, arms: form.variants.length, plannedEffect: form.plannedEffect, defaultEffect: DEFAULT_EFFECT, metrics, baselines });
    if (isProblem(body)) {
      setProblem(body);
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      setAnswer(await api.plan(body));
    } catch (err) {
      setAnswer(null);
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  // Enter in one of these inputs estimates, rather than saving the whole experiment.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      void estimate();
    }
  };
  const effectStored = serverKnows('plannedEffect');

  return (
    <section class="card planning" aria-labelledby="planning-title" data-testid="planning-panel" onKeyDown={onKeyDown}>
      <h2 id="planning-title">Planning: how long will it take?</h2>
      <p class="muted small">
        A small shop should know before it starts whether its test can answer at all. From the visitors the slot gets a day and each metric’s level today, the days needed to detect the planned effect with 80% power across {form.variants.length} arms.
      </p>
      <div class="row">
        <Field id="plan-daily" label="Visitors a day in the slot" error={problemFor('plan-daily')} hint="From your shop’s analytics; not saved.">
          <input id="plan-daily" type="number" min={1} step={1} value={daily} placeholder="800" onInput={(event) => setDaily(event.currentTarget.value)} />
        </Field>
        <Field
          id="exp-planned-effect"
          label="Planned effect (relative lift, %)"
          error={problemFor('exp-planned-effect') ?? fieldError(error, 'plannedEffect')}
          hint={effectStored ? 'The smallest change worth detecting (−20 for a fall); saved with the experiment, and the decisions use it.' : 'The smallest change worth detecting (−20 for a fall). Empty: 10%.'}
        >
          <input
            id="exp-planned-effect"
            type="number"
            min={-999}
            max={999}
            step="any"
            value={form.plannedEffect}
            placeholder="10"
            disabled={fieldLocked(scope, 'plannedEffect')}
            onInput={(event) => onChange({ plannedEffect: event.currentTarget.value })}
          />
        </Field>
      </div>
      {metrics.map((metric) => (
        <fieldset key={metric} class="baseline-row">
          <legend>
            {capital(labelOf(metric))} <span class={`tag tag-${metric === form.primaryMetric ? 'primary' : 'guardrail'}`}>{metric === form.primaryMetric ? 'primary' : 'guardrail'}</span>
          </legend>
          <div class="row">
            <Field id={`plan-${metric}-baseline`} label={BASELINE_LABELS[baselineKind(metric)]} error={problemFor(`plan-${metric}-baseline`)}>
              <input id={`plan-${metric}-baseline`} type="number" min={0} step="any" value={baseline(metric).baseline} placeholder={needsSd(metric) ? '3.5' : '4'} onInput={(event) => setBaseline(metric, { baseline: event.currentTarget.value })} />
            </Field>
            {needsSd(metric) && (
              <Field id={`plan-${metric}-sd`} label="Standard deviation" error={problemFor(`plan-${metric}-sd`)}>
                <input id={`plan-${metric}-sd`} type="number" min={0} step="any" value={baseline(metric).sd} placeholder="1.2" onInput={(event) => setBaseline(metric, { sd: event.currentTarget.value })} />
              </Field>
            )}
          </div>
        </fieldset>
      ))}
      <button type="button" class="button" onClick={() => void estimate()} disabled={busy}>
        {busy ? 'Estimating…' : 'Estimate the duration'}
      </button>
      <div aria-live="polite">
        <ErrorNotice error={failure} />
        {answer && (
          <ul class="plan-answer" data-testid="plan-answer">
            {answer.metrics.map((entry) => (
              <li key={entry.metric}>
                <strong>{capital(labelOf(entry.metric))}:</strong> {planSentence(entry, answer.power)}
                {entry.note && <div class="muted small">{entry.note}</div>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
