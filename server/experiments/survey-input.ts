// The optional one-question card an experiment asks after engagement: what the admin API
// accepts, and the complete survey stored with defaults filled in, so what visitors saw is on record.
import { z } from 'zod';
import { text } from './site-input.js';
import { DEFAULT_SURVEY, LIMITS, SURVEY_QUESTION_NAMES } from './vocabulary.js';

export type SurveyQuestionName = (typeof SURVEY_QUESTION_NAMES)[number];

/** `low` and `high` name the ends of the trust scale; a yes/no question has none. */
export interface Survey {
  question: SurveyQuestionName;
  text: string;
  low: string | null;
  high: string | null;
  delaySeconds: number;
}

export const surveyInput = z
  .strictObject({
    question: z.enum(SURVEY_QUESTION_NAMES),
    text: text(LIMITS.surveyText).optional(),
    low: text(LIMITS.surveyScaleLabel).optional(),
    high: text(LIMITS.surveyScaleLabel).optional(),
    delaySeconds: z.number().int().min(0).max(LIMITS.maxSurveyDelaySeconds).default(DEFAULT_SURVEY.delaySeconds),
  })
  .superRefine((survey, ctx) => {
    if (survey.question === 'trust') return;
    for (const end of ['low', 'high'] as const) {
      if (survey[end] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [end], message: `only the trust scale has ends to name; "${survey.question}" is answered yes or no` });
      }
    }
  })
  .transform(completeSurvey);

/** Fills in the default wording, so every stored survey says exactly what visitors were asked. */
export function completeSurvey(given: {
  question: SurveyQuestionName;
  text?: string | undefined;
  low?: string | undefined;
  high?: string | undefined;
  delaySeconds: number;
}): Survey {
  const { question, delaySeconds } = given;
  if (question === 'noticed') return { question, text: given.text ?? DEFAULT_SURVEY.noticed.text, low: null, high: null, delaySeconds };
  const defaults = DEFAULT_SURVEY.trust;
  return { question, text: given.text ?? defaults.text, low: given.low ?? defaults.low, high: given.high ?? defaults.high, delaySeconds };
}

export function surveyToColumn(survey: Survey | null): string | null {
  return survey === null ? null : JSON.stringify(survey);
}

export function surveyFromColumn(column: string | null): Survey | null {
  return column === null ? null : (JSON.parse(column) as Survey);
}
