// `npm run bench [-- NAME]`: runs the named bench, or every bench in turn when none is named.
// Each prints its table and the command that made it, and writes its JSON to bench/results/.
import { stopAllServers } from './children.js';
import { runCreativesBench } from './creatives.js';
import { runIngestBench } from './ingest.js';
import { runPageBench } from './page.js';
import { commandLine, countCores } from './machine.js';
import { runPublicBench } from './public.js';
import { runResultsBench } from './results.js';

const BENCHES: Record<string, { about: string; run: (command: string) => Promise<void> }> = {
  public: { about: 'the public GET routes (config, 304, assign, healthz) against bare node:http and plain Hono', run: runPublicBench },
  ingest: { about: 'POST /v1/events, durable on SQLite, in 1-, 10- and 100-event batches against a bare 204 server; then PostgreSQL with 1, 2 and 3 processes (BENCH_PG_URL, or a database of its own on 127.0.0.1:5432)', run: runIngestBench },
  results: { about: 'GET /api/experiments/:id/results on 1M and 10M events (built in ~2 min, ~4 GB in a temp dir, removed after)', run: runResultsBench },
  page: { about: 'a shop page in Chromium with a 1,000 px slot and a 2,048 px upload: fill time after the config and bytes, original vs derivatives', run: runPageBench },
  creatives: { about: 'reading the Content Credentials of a 200 MB signed MP4: time and peak memory (BENCH_CREATIVES_MB)', run: runCreativesBench },
};

function usage(): string {
  const names = Object.entries(BENCHES).map(([name, { about }]) => `  ${name.padEnd(8)}${about}`);
  return ['usage: npm run bench [-- NAME]    (no name runs them all, in this order)', '', ...names].join('\n');
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  if (names.length > 1 || (names[0] !== undefined && !Object.hasOwn(BENCHES, names[0]))) {
    console.error(`${names.length > 1 ? 'one bench at a time' : `no bench is called "${names[0]}"`}\n\n${usage()}`);
    process.exit(2);
  }
  const chosen = names[0] === undefined ? Object.keys(BENCHES) : names;
  countCores(); // before the first bench pins this process to one core

  for (const [index, name] of chosen.entries()) {
    if (index > 0) console.log('');
    await BENCHES[name]!.run(commandLine(names[0]));
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    process.stderr.write(`\n${signal}: stopping the bench servers.\n`);
    void stopAllServers().finally(() => process.exit(130));
  });
}

main().catch(async (err: unknown) => {
  await stopAllServers();
  console.error(`\nBENCH FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
