// The health section: is the split what the weights promised (sample-ratio mismatch), and how
// far the experiment is towards its planned size and for how many days it has run.
import { sampleRatioMismatch } from '../stats/index.js';
import type { ResultsContext } from './results-context.js';
import { DAY_MS } from '../collect/vocabulary.js';


export function buildHealth({ experiment, visitors, options }: ResultsContext) {
  const planned = experiment.plannedSampleSize;
  const total = visitors.reduce((a, b) => a + b, 0);
  return {
    srm: sampleRatioMismatch(
      visitors,
      experiment.variants.map((variant) => variant.weight),
    ),
    progress: {
      visitors: total,
      planned,
      fraction: planned ? Math.min(1, total / planned) : null,
      daysRunning: experiment.startedAt === null ? 0 : Math.floor(((experiment.stoppedAt ?? options.now) - experiment.startedAt) / DAY_MS),
    },
  };
}
