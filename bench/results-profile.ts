// Where the time of a results document goes: a V8 CPU profile of the route's reads
// (readResultsInputs) + buildResults + JSON.stringify in this process (after the timings, so it does not slow them), written under
// bench/results/profiles/ and summarised by bench/profile-summary.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../server/db/connect.js';
import { findExperiment } from '../server/experiments/experiment-queries.js';
import { buildResults } from '../server/results/build-results.js';
import { noveltyThroughDay } from '../server/results/load-results.js';
import { readResultsInputs } from '../server/results/read-results-inputs.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROFILES = fileURLToPath(new URL('./results/profiles/', import.meta.url));
const SUMMARY_SCRIPT = fileURLToPath(new URL('./profile-summary.ts', import.meta.url));

export interface ResultsProfile {
  /** The .cpuprofile, relative to the project. */
  file: string;
  documents: number;
  summary: string;
}

export async function profileResults(file: string, experimentId: string, documents: number, label: string): Promise<ResultsProfile> {
  const { db, close } = openDatabase({ dialect: 'sqlite', file });
  const session = new Session();
  session.connect();
  try {
    const experiment = await findExperiment(db, experimentId);
    if (!experiment) throw new Error(`no experiment ${experimentId} in ${file}`);
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    for (let i = 0; i < documents; i++) {
      const now = Date.now();
      const { sums, distributions, segments, novelty } = await readResultsInputs(db, experiment, noveltyThroughDay(experiment, now));
      JSON.stringify(buildResults(experiment, sums, { alpha: 0.05, adjustment: 'holm', margin: -0.05, now }, { distributions, cells: segments.cells, novelty }));
    }
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(PROFILES, { recursive: true });
    const path = `${PROFILES}results-${label}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`;
    writeFileSync(path, JSON.stringify(profile));
    const summary = execFileSync(process.execPath, ['--import', 'tsx', SUMMARY_SCRIPT, path, '16', '0'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return { file: relative(ROOT, path), documents, summary };
  } finally {
    session.disconnect();
    await close();
  }
}
