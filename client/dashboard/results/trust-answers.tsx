// The trust answers as they were given: per arm, a 100% bar split into the shares who answered
// 1 to 5, on a diverging scale (warm for low trust, grey in the middle, blue for high), with the
// counts in the tooltips and in a table below for screen readers and exact reading.
import { useMemo } from 'preact/hooks';
import { shareBars, shareBarsHeight } from '../charts/share-bars.js';
import { Chart } from '../Chart.js';
import { count } from '../format.js';
import { OKABE_ITO } from '../palette.js';
import type { Distributions, Survey, VariantSummary } from '../types.js';

/**
 * 1 to 5 from the Okabe–Ito hues, which stay apart under the common colour-vision deficiencies:
 * two warm, a neutral grey, two cool, the darker at the ends, so order reads by lightness too.
 */
export const LIKERT_COLOURS = [OKABE_ITO.vermillion, OKABE_ITO.orange, '#BBBBBB', OKABE_ITO.sky, OKABE_ITO.blue] as const;

/** "1 · Not at all", "2", "3", "4", "5 · Completely": the survey's own words for the ends, when it had a trust scale. */
export function likertLabels(survey: Survey | null): string[] {
  const ends = survey?.question === 'trust' ? { 1: survey.low, 5: survey.high } : {};
  return [1, 2, 3, 4, 5].map((answer) => {
    const word = ends[answer as 1 | 5];
    return word ? `${answer} · ${word}` : String(answer);
  });
}

interface TrustAnswersProps {
  variants: VariantSummary[];
  trust: Distributions['trust'];
  survey: Survey | null;
}

export function TrustAnswers({ variants, trust, survey }: TrustAnswersProps) {
  const arms = variants.map((variant) => ({ variant, answers: trust.find((entry) => entry.variant === variant.key) }));
  const input = useMemo(() => {
    const labels = likertLabels(survey);
    return {
      categories: arms.map(({ variant }) => variant.name),
      parts: LIKERT_COLOURS.map((colour, index) => ({ label: labels[index]!, colour, counts: arms.map(({ answers }) => answers?.counts[index] ?? 0) })),
    };
  }, [variants, trust, survey]);
  const config = useMemo(() => shareBars(input), [input]);
  const outOfScale = trust.reduce((sum, entry) => sum + entry.outOfScale, 0);
  return (
    <div>
      <h3>Trust answers, 1 to 5</h3>
      <Chart id="trust-likert" config={config} height={shareBarsHeight(input)} label="Share of each arm's answering visitors who gave trust 1, 2, 3, 4 and 5." />
      <p class="muted small">
        Each visitor counts once, at their own mean answer rounded half up (3.5 counts as 4): nearly every visitor is asked once per experiment.
        {outOfScale > 0 && ` ${count(outOfScale)} imported answer${outOfScale === 1 ? ' is' : 's are'} outside 1–5 and in no bar.`}
      </p>
      <div class="table-scroll">
        <table class="table">
          <caption class="visually-hidden">Visitors per trust answer and arm</caption>
          <thead>
            <tr>
              <th scope="col">Arm</th>
              {[1, 2, 3, 4, 5].map((answer) => (
                <th key={answer} scope="col" class="num">
                  {answer}
                </th>
              ))}
              <th scope="col" class="num">
                Answered
              </th>
            </tr>
          </thead>
          <tbody>
            {arms.map(({ variant, answers }) => (
              <tr key={variant.key}>
                <th scope="row">{variant.name}</th>
                {[0, 1, 2, 3, 4].map((index) => (
                  <td key={index} class="num">
                    {count(answers?.counts[index] ?? 0)}
                  </td>
                ))}
                <td class="num">{count(answers?.answered ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
