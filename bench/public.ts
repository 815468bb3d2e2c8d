// `npm run bench -- public`: the public hot paths as ratios to a bare node:http server measured
// in the same run, just before and just after each path (this machine's neighbours come and go),
// with plain Hono as one of the paths to tell the framework's share from Candor's; then assignVariant.
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildClient } from '../scripts/build-client.mjs';
import { benchAssign } from './assign.js';
import { hasTaskset, pinSelf, startServer, stopAllServers } from './children.js';
import { measureLoad, type LoadPlan, type LoadResult, type LoadSettings } from './load.js';
import { countCores, LOAD_CPU, readSeconds, SERVER_CPU, WARMUP_SECONDS } from './machine.js';
import { formatReport, writeReport, type Report, type Row } from './report.js';
import { candorScenarios, readConfigAnswer, type CandorInfo } from './scenarios.js';

const mean = (a: number, b: number) => (a + b) / 2;

/** Measures one plan and fails loudly on any answer that is not the expected success. */
async function measure(plan: LoadPlan, label: string, settings: LoadSettings): Promise<LoadResult> {
  process.stderr.write(`measuring ${label} …\n`);
  const result = await measureLoad(plan, settings);
  if (result.bad > 0 || result.unexpected > 0 || result.responses === 0) {
    throw new Error(
      `${label}: ${result.responses} answers, ${result.bad} outside 2xx/3xx or failed, ${result.unexpected} not ${plan.expectStatus}; ` +
        `statuses ${JSON.stringify(result.statuses)}`,
    );
  }
  return result;
}

/** `command` is the command line printed under the table. */
export async function runPublicBench(command: string): Promise<void> {
  const seconds = readSeconds(process.env.BENCH_SECONDS);
  const settings: LoadSettings = { connections: 32, pipelining: 1, warmupSeconds: Math.min(WARMUP_SECONDS, seconds), seconds };
  // The baseline runs are shorter: there are six of them, and the bare server needs no warming.
  const bareSettings: LoadSettings = { ...settings, warmupSeconds: 1, seconds: Math.max(1, seconds / 2) };
  const nproc = countCores();
  const pinned = nproc >= 2 && hasTaskset();
  if (pinned) pinSelf(LOAD_CPU);
  const cpu = pinned ? SERVER_CPU : undefined;
  const profileDir = fileURLToPath(new URL('./results/profiles/', import.meta.url));
  const profileFlags = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];

  // GET /c.js serves the built snippet.
  await buildClient({ quiet: true });
  const candor = await startServer<CandorInfo>('candor', 'candor.ts', { cpu, nodeFlags: profileFlags });
  const config = await readConfigAnswer(candor.info);
  const sameBytes = { BENCH_BODY: config.body.toString('base64') };
  const bare = await startServer<{ port: number }>('bare', 'bare.ts', { cpu, env: sameBytes });
  const hono = await startServer<{ port: number }>('hono', 'hono.ts', { cpu, env: sameBytes });
  const barePlan: LoadPlan = { name: 'bare', url: `http://127.0.0.1:${bare.info.port}/`, expectStatus: 200, serverCpuSeconds: bare.cpuSeconds };

  const paths = [
    {
      label: 'plain Hono, the same bytes',
      plan: { name: 'hono', url: `http://127.0.0.1:${hono.info.port}/`, expectStatus: 200, serverCpuSeconds: hono.cpuSeconds },
      check: async () => undefined,
    },
    ...candorScenarios(candor.info, config.etag).map((scenario) => ({
      ...scenario,
      plan: { ...scenario.plan, serverCpuSeconds: candor.cpuSeconds },
    })),
  ];

  const bareRuns: LoadResult[] = [await measure(barePlan, 'bare node:http', bareSettings)];
  const rows: Row[] = [];
  for (const path of paths) {
    await path.check();
    const result = await measure(path.plan, path.label, settings);
    const before = bareRuns.at(-1)!;
    const after = await measure(barePlan, 'bare node:http', bareSettings);
    bareRuns.push(after);
    const bareRps = mean(before.requestsPerSecond, after.requestsPerSecond);
    const bareCpu = before.cpuUsPerRequest === null || after.cpuUsPerRequest === null ? null : mean(before.cpuUsPerRequest, after.cpuUsPerRequest);
    rows.push({
      ...result,
      label: path.label,
      bareRequestsPerSecond: bareRps,
      ratio: result.requestsPerSecond / bareRps,
      cpuRatio: bareCpu === null || result.cpuUsPerRequest === null ? null : bareCpu / result.cpuUsPerRequest,
    });
  }
  await stopAllServers();

  process.stderr.write('measuring assignVariant in process …\n');
  const assign = benchAssign();

  const report: Report = {
    command,
    node: process.version,
    nproc,
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    date: new Date().toISOString().slice(0, 10),
    settings: { ...settings, bareSeconds: bareSettings.seconds, serverCpu: cpu ?? null, loadCpu: pinned ? LOAD_CPU : null },
    bare: { bodyBytes: config.body.length, runs: bareRuns },
    http: rows,
    assign,
  };
  const file = writeReport(report);
  process.stderr.write(`figures written to ${file}\n\n`);
  console.log(formatReport(report));
}
