// The one-question card (markup from server/public/creative-html.ts): a non-modal dialog at the
// foot of the viewport, so it shifts nothing and takes no focus from what the visitor is doing;
// reached with Tab, answered with real buttons, closed with its button or Escape. At most one
// card a page: two experiments on one page never ask at once. The same trigger in every arm, so
// response rates compare: viewable (the main snippet calls this then), then the survey's delay,
// and only the first time this visitor sees the experiment (kept here, out of /c.js's budget).
import { firstTime } from './storage.js';
import type { Survey } from './types.js';

let shown = false;

export function askSurvey(survey: Survey, experiment: string, answer: (value: number) => void): void {
  setTimeout(() => !shown && firstTime(experiment) && showCard(survey, answer), survey.delaySeconds * 1000);
}

function showCard(survey: Survey, answer: (value: number) => void): void {
  shown = true;
  const holder = document.createElement('div');
  holder.innerHTML = survey.html;
  const card = holder.firstChild as HTMLElement;
  card.onclick = (event) => {
    const value = (event.target as Element).closest('button')?.dataset.candorAnswer;
    if (value) answer(+value);
    if (value != null) card.remove();
  };
  card.onkeydown = (event) => event.key === 'Escape' && card.remove();
  document.body.append(card);
}
