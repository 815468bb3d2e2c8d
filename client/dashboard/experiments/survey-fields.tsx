// The optional one-question card visitors get after engaging, the same in every arm: a 1–5
// trust scale or "did you notice this was made with AI?". Empty fields take the default wording.
import { DEFAULT_SURVEY } from '../../../server/experiments/vocabulary.js';
import { Field, fieldError } from '../ui/controls.js';
import type { SurveyForm } from './experiment-form.js';

interface SurveyFieldsProps {
  survey: SurveyForm;
  frozen: boolean;
  error: unknown;
  onChange: (patch: Partial<SurveyForm>) => void;
}

export function SurveyFields({ survey, frozen, error, onChange }: SurveyFieldsProps) {
  const input = (name: 'text' | 'low' | 'high', label: string, placeholder: string, maxLength: number) => (
    <Field id={`survey-${name}`} label={label} error={fieldError(error, `survey.${name}`)}>
      <input id={`survey-${name}`} value={survey[name]} placeholder={placeholder} maxLength={maxLength} disabled={frozen} onInput={(event) => onChange({ [name]: event.currentTarget.value })} />
    </Field>
  );
  return (
    <fieldset class="subsection" disabled={frozen}>
      <legend>Survey question</legend>
      <p class="muted small">Asked once, after the visitor has seen the creative, in every arm alike, so answer rates compare fairly.</p>
      <div class="row">
        <Field id="survey-question" label="Ask" error={fieldError(error, 'survey')}>
          <select id="survey-question" value={survey.question} onChange={(event) => onChange({ question: event.currentTarget.value as SurveyForm['question'] })}>
            <option value="none">Nothing</option>
            <option value="trust">How much they trust the ad (1–5)</option>
            <option value="noticed">Whether they noticed it was made with AI</option>
          </select>
        </Field>
        {survey.question !== 'none' && (
          <Field id="survey-delay" label="Ask after (seconds)" error={fieldError(error, 'survey.delaySeconds')}>
            <input id="survey-delay" type="number" min={0} max={60} value={survey.delaySeconds} onInput={(event) => onChange({ delaySeconds: event.currentTarget.value })} />
          </Field>
        )}
      </div>
      {survey.question !== 'none' && input('text', 'Question', DEFAULT_SURVEY[survey.question].text, 200)}
      {survey.question === 'trust' && (
        <div class="row">
          {input('low', 'Label of 1', DEFAULT_SURVEY.trust.low, 40)}
          {input('high', 'Label of 5', DEFAULT_SURVEY.trust.high, 40)}
        </div>
      )}
    </fieldset>
  );
}
