// The experiment editor: the plan, the revenue cap, the survey, planning (how long the test
// needs), the arms with a live preview of each creative, the site's policy warnings as you type
// (what each uploaded file says included), the server's warnings once saved, and start / pause /
// stop. Once an experiment has run, what decides assignment is frozen (the server refuses it);
// only the wording stays editable.
import { useMemo, useState } from 'preact/hooks';
import { editScope, editScopeNotice } from '../../../server/experiments/edit-rules.js';
import { findPolicyViolations, findProvenanceWarnings, listRequirements } from '../../../server/experiments/policy.js';
import { PRESET_RULES } from '../../../server/experiments/policy-rules.js';
import { PolicyRequirements } from './policy-requirements.js';
import { api } from '../api.js';
import { Link, navigate, paths } from '../router.js';
import type { Experiment, ExperimentAnswer, PolicyViolation, Site } from '../types.js';
import { ErrorNotice, Loading, Notice, PageHeader, StatusPill } from '../ui/controls.js';
import { useLoad } from '../ui/use-load.js';
import { blankVariant, bodyFromForm, formFromExperiment, newExperimentForm, type ExperimentForm, type Fact, type VariantForm } from './experiment-form.js';
import { PlanFields } from './plan-fields.js';
import { planSettingsBody } from './plan-settings.js';
import { PlanningPanel } from './planning-panel.js';
import { RevenueCapFields } from './revenue-cap-fields.js';
import { StatusControls } from './status-controls.js';
import { SurveyFields } from './survey-fields.js';
import { VariantFields } from './variant-fields.js';

const MAX_VARIANTS = 8;

async function loadTarget(siteId?: string, experimentId?: string): Promise<{ site: Site; experiment: ExperimentAnswer | null }> {
  const experiment = experimentId ? await api.experiment(experimentId) : null;
  const site = await api.site(experiment?.siteId ?? siteId!);
  return { site, experiment };
}

export function EditorPage({ siteId, experimentId }: { siteId?: string; experimentId?: string }) {
  const { data, error } = useLoad(() => loadTarget(siteId, experimentId), [siteId, experimentId]);
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <Loading what="the experiment" />;
  return <Editor site={data.site} initial={data.experiment} />;
}

function Editor({ site, initial }: { site: Site; initial: ExperimentAnswer | null }) {
  const [experiment, setExperiment] = useState<Experiment | null>(initial);
  const [form, setForm] = useState<ExperimentForm>(() => (initial ? formFromExperiment(initial) : newExperimentForm()));
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [statusError, setStatusError] = useState<unknown>(null);
  // What the server said of the experiment as last saved (creating one reloads the page, so from `initial` too).
  const [savedWarnings, setSavedWarnings] = useState<PolicyViolation[]>(initial?.warnings ?? []);
  // The server's own rule (server/experiments/edit-rules.ts): what it would refuse is off here.
  const scope = experiment ? editScope(experiment) : 'everything';
  const frozen = scope !== 'everything';
  const scopeNotice = editScopeNotice(scope);

  const update = (patch: Partial<ExperimentForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setDirty(true);
    setSaved(false);
  };
  const updateVariant = (index: number, patch: Partial<VariantForm>) =>
    update({ variants: form.variants.map((variant, at) => (at === index ? { ...variant, ...patch } : variant)) });
  const makeControl = (index: number) => update({ variants: form.variants.map((variant, at) => ({ ...variant, control: at === index })) });
  const removeVariant = (index: number) => {
    const rest = form.variants.filter((_, at) => at !== index);
    if (!rest.some((variant) => variant.control)) rest[0] = { ...rest[0]!, control: true };
    update({ variants: rest });
  };
  const addVariant = () => update({ variants: [...form.variants, blankVariant({ key: `variant-${form.variants.length + 1}`, name: `Variant ${form.variants.length + 1}`, origin: 'ai', style: 'label' })] });

  // The server's own checks, run on the form: the policy's (on start) and the file-against-origin
  // warnings it answers every save with, so the editor says the same thing before saving.
  const { warnings, provenanceWarnings, requirements } = useMemo(() => {
    const fact = (value: Fact) => (value === '' ? null : value === 'yes');
    const arms = form.variants.map((variant) => ({
      key: variant.key || variant.name,
      origin: variant.origin,
      disclosure: { style: variant.style },
      likeness: variant.likeness,
      photorealistic: fact(variant.photorealistic),
      syntheticHuman: fact(variant.syntheticHuman),
      realProduct: fact(variant.realProduct),
      creative: variant.creative,
    }));
    return {
      warnings: findPolicyViolations(site.disclosurePresets, arms),
      provenanceWarnings: findProvenanceWarnings(arms),
      requirements: listRequirements(site.disclosurePresets, arms),
    };
  }, [site.disclosurePresets, form.variants]);
  const warningFor = (index: number) => provenanceWarnings.find((warning) => warning.field === `variants[${index}].origin`)?.message ?? null;

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = bodyFromForm(form);
      const answer = !experiment
        ? await api.createExperiment(site.id, body)
        : frozen
          ? await api.updateExperiment(experiment.id, { name: body.name, hypothesis: body.hypothesis, guardrailMetrics: body.guardrailMetrics, ...planSettingsBody(form, scope) })
          : await api.updateExperiment(experiment.id, { ...body });
      setExperiment(answer);
      setSavedWarnings(answer.warnings ?? []);
      setForm((current) => withSavedCreatives(current, answer));
      setDirty(false);
      setSaved(true);
      if (!experiment) navigate(paths.editor(answer.id), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const changed = (next: Experiment) => {
    setExperiment(next);
    if (next.status === 'running' && experiment?.status === 'draft') navigate(paths.results(next.id));
  };

  return (
    <>
      <PageHeader title={experiment ? experiment.name : 'New experiment'} eyebrow={<Link href={paths.site(site.id)}>{site.name}</Link>}>
        {experiment && <StatusPill status={experiment.status} imported={experiment.importedAt !== null} />}
        {experiment && experiment.status !== 'draft' && (
          <Link href={paths.results(experiment.id)} class="button button-quiet">
            Results
          </Link>
        )}
        {experiment && <StatusControls experiment={experiment} onChanged={changed} onError={setStatusError} blockedBy={dirty ? 'Save your changes first.' : null} />}
      </PageHeader>
      <ErrorNotice error={statusError} />
      {experiment?.status === 'draft' && !dirty && (
        <Notice tone="info">Saved as a draft. Start it when the arms look right: from then on, visitors see it and the arms are fixed.</Notice>
      )}
      {scopeNotice && <Notice tone="info">{scopeNotice}</Notice>}
      <form class="form editor" onSubmit={save} aria-label="Experiment">
        <section class="card">
          <PlanFields form={form} frozen={frozen} notesLocked={scope === 'nothing'} error={error} onChange={update} />
          <RevenueCapFields cap={form.revenueCap} scope={scope} error={error} onChange={(patch) => update({ revenueCap: { ...form.revenueCap, ...patch } })} />
          <SurveyFields survey={form.survey} frozen={frozen} error={error} onChange={(patch) => update({ survey: { ...form.survey, ...patch } })} />
        </section>
        <PlanningPanel form={form} scope={scope} error={error} onChange={update} />
        <section class="card" aria-labelledby="arms-title">
          <div class="card-head">
            <h2 id="arms-title">Arms</h2>
            <p class="muted small">
              Site presets: <strong>{site.disclosurePresets.map((preset) => PRESET_RULES[preset].title).join(' · ')}</strong>
            </p>
          </div>
          {warnings.length > 0 && (
            <Notice tone="warning" title="The site’s disclosure policy will refuse to start this experiment">
              <ul>
                {warnings.map((warning) => (
                  <li key={`${warning.rule}-${warning.field}`}>{warning.message}.</li>
                ))}
              </ul>
            </Notice>
          )}
          <PolicyRequirements presets={site.disclosurePresets} requirements={requirements} />
          {form.variants.map((variant, index) => (
            <VariantFields
              key={index}
              variant={variant}
              index={index}
              frozen={frozen}
              canRemove={form.variants.length > 2}
              error={error}
              policy={site.disclosurePolicy}
              warning={warningFor(index)}
              onChange={(patch) => updateVariant(index, patch)}
              onRemove={() => removeVariant(index)}
              onMakeControl={() => makeControl(index)}
            />
          ))}
          {!frozen && form.variants.length < MAX_VARIANTS && (
            <button type="button" class="button" onClick={addVariant}>
              Add an arm
            </button>
          )}
        </section>
        <div class="save-bar">
          <ErrorNotice error={error} />
          {saved && !dirty && savedWarnings.length === 0 && <Notice tone="success">Saved.</Notice>}
          {!dirty && savedWarnings.length > 0 && (
            <Notice tone="warning" title="Saved, with a warning from the server">
              <ul>
                {savedWarnings.map((warning) => (
                  <li key={warning.field}>{warning.message}.</li>
                ))}
              </ul>
            </Notice>
          )}
          <button type="submit" class="button button-primary" disabled={busy || scope === 'nothing'}>
            {experiment ? 'Save changes' : 'Create experiment'}
          </button>
        </div>
      </form>
    </>
  );
}

/**
 * The creatives the server found for the arms just saved: an address typed in that names an
 * upload (`/media/<sha256>.<ext>`) shows what its file says from then on.
 */
function withSavedCreatives(form: ExperimentForm, saved: Experiment): ExperimentForm {
  const variants = form.variants.map((variant, index) => {
    const arm = saved.variants[index];
    return !variant.creative && arm?.creative && arm.media.url === variant.url.trim() ? { ...variant, creative: arm.creative } : variant;
  });
  return { ...form, variants };
}
