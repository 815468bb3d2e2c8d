// An experiment's survey as the snippet renders it: every word and every answer value spelled
// out here, so the snippet (2 KB gzipped) carries no strings of its own. The values are those
// ingestion accepts for the question (collect/vocabulary.ts).
import { SURVEY_QUESTIONS } from '../collect/vocabulary.js';
import type { Survey, SurveyQuestionName } from '../experiments/survey-input.js';
import { surveyHtml } from './creative-html.js';

export interface SurveyChoice {
  value: number;
  label: string;
}

export interface SurveyCard {
  question: SurveyQuestionName;
  text: string;
  delaySeconds: number;
  choices: SurveyChoice[];
  close: string;
  /** The card's markup (creative-html.ts): the snippet only inserts it. */
  html: string;
}

const CLOSE_LABEL = 'Close';
const YES_NO: readonly SurveyChoice[] = [
  { value: 1, label: 'Yes' },
  { value: 0, label: 'No' },
];

/** The trust scale low to high, its two ends named: "1 – Not at all", "2", …, "5 – Completely". */
function trustChoices(low: string | null, high: string | null): SurveyChoice[] {
  const [min, max] = SURVEY_QUESTIONS.trust;
  return Array.from({ length: max - min + 1 }, (_, index) => {
    const value = min + index;
    const end = value === min ? low : value === max ? high : null;
    return { value, label: end ? `${value} – ${end}` : String(value) };
  });
}

export function toSurveyCard(survey: Survey | null): SurveyCard | null {
  if (survey === null) return null;
  const { question, text, delaySeconds } = survey;
  const choices = question === 'trust' ? trustChoices(survey.low, survey.high) : YES_NO.map((choice) => ({ ...choice }));
  return { question, text, delaySeconds, choices, close: CLOSE_LABEL, html: surveyHtml({ text, choices, close: CLOSE_LABEL }) };
}
