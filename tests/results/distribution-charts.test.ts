// The dashboard's charts of the distributions (pure configuration): shares of each arm's answers
// that add to 100%, an arm without answers drawn empty rather than as NaN, the trust scale's
// words on its ends, and watch-through as shares of the exposed visitors.
import { describe, expect, it } from 'vitest';
import { shareBars } from '../../client/dashboard/charts/share-bars.js';
import { watchSteps } from '../../client/dashboard/charts/watch-steps.js';
import { LIKERT_COLOURS, likertLabels } from '../../client/dashboard/results/trust-answers.js';

describe('distribution charts', () => {
  it('splits each arm into shares of its own answers, and leaves an arm without answers empty', () => {
    const config = shareBars({
      categories: ['Studio', 'AI film'],
      parts: [
        { label: 'Yes', colour: '#CC79A7', counts: [1, 0] },
        { label: 'No', colour: '#BBBBBB', counts: [3, 0] },
      ],
    });
    expect(config.data.datasets.map((dataset) => dataset.data)).toEqual([
      [0.25, 0],
      [0.75, 0],
    ]);
    expect(config.data.labels).toEqual(['Studio', 'AI film (no answers)']);
    expect(config.options?.scales?.x).toMatchObject({ stacked: true, min: 0, max: 1 });
  });

  it('names the ends of the trust scale with the survey\'s words, and only for a trust survey', () => {
    const survey = { question: 'trust' as const, text: 'How much do you trust it?', low: 'Not at all', high: 'Completely', delaySeconds: 5 };
    expect(likertLabels(survey)).toEqual(['1 · Not at all', '2', '3', '4', '5 · Completely']);
    expect(likertLabels(null)).toEqual(['1', '2', '3', '4', '5']);
    expect(likertLabels({ ...survey, question: 'noticed', low: null, high: null })).toEqual(['1', '2', '3', '4', '5']);
    expect(new Set(LIKERT_COLOURS).size).toBe(5);
  });

  it('draws watch-through as shares of the exposed, and no share for an arm nobody saw', () => {
    const config = watchSteps([
      { name: 'AI film', colour: '#0072B2', exposed: 200, steps: [120, 80, 60, 40, 20] },
      { name: 'Studio film', colour: '#4A4A4A', exposed: 0, steps: [0, 0, 0, 0, 0] },
    ]);
    expect(config.data.labels).toEqual(['Started', '25%', '50%', '75%', '100%']);
    expect(config.data.datasets[0]!.data).toEqual([0.6, 0.4, 0.3, 0.2, 0.1]);
    expect(config.data.datasets[1]!.data).toEqual([null, null, null, null, null]);
  });
});
