// Where the Candor child's time went during an ingest scenario: the existing profile summary
// (by package and function), plus the busy time sorted into the groups that matter for
// ingestion: SQLite, Kysely, JSON, our pipeline, the writer's fact update, HTTP, GC.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourcePathOf } from './compile.js';

interface Frame {
  functionName: string;
  url: string;
}

interface ProfileNode {
  id: number;
  callFrame: Frame;
  children?: number[];
}

interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface GroupShare {
  group: string;
  ms: number;
  share: number;
}

export interface IngestProfile {
  busySeconds: number;
  /** Self time, each sample given to one group by its innermost frames. */
  groups: GroupShare[];
  /** Inclusive time of the steps of a request and of a flush (a sample counts in its innermost step). */
  steps: GroupShare[];
  /** The output of bench/profile-summary.ts for the same window. */
  summary: string;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SUMMARY_SCRIPT = fileURLToPath(new URL('./profile-summary.ts', import.meta.url));

const PIPELINE_FILES = /server\/(collect\/(route|parse|steps|catalog|rate-limit)|assign\/|public\/origin)/;
const WRITER_FILES = /server\/collect\/(writer|commit|update-facts|facts|sums|sums-store|site-locks|[a-z]+-flush-store|flush-stores)\.[jt]s/;
const SUMS_FILES = /server\/(collect\/(distribution-sums|since-sums|segment-sums-store|sighting-store|vocabulary)|segments\/segment-sums)\.[jt]s/;
/** The stores that call better-sqlite3 or pg themselves: a native leaf under them is the database's time. */
const STORE_FILES = /server\/collect\/(sqlite|postgres)-flush-store\.[jt]s/;
const HTTP_INTERNALS = /^node:(_http|http|net|stream|internal\/(http|streams|stream_base|net))/;

/**
 * The group of a sample, from its innermost frames. V8 charges time in native code to the JS
 * function that called it: better-sqlite3's statements show as the self time of Kysely's
 * driver (executeQuery), a builtin (no url) or node internal goes by the app code that called it.
 */
function groupOf(stack: Frame[]): string {
  const [leaf] = stack;
  if (!leaf) return 'other';
  if (leaf.functionName === '(garbage collector)') return 'GC';
  if (leaf.functionName === '(program)') return 'V8/libuv outside JS ((program))';
  if (/kysely\/dist\/\w+\/dialect\/sqlite\/sqlite-driver/.test(leaf.url) && leaf.functionName === 'executeQuery') {
    return 'SQLite: statements run (native, incl. WAL writes, checkpoints, fsync)';
  }
  if (leaf.functionName === 'prepare' && /statement-cache|better-sqlite3/.test(leaf.url)) return 'SQLite: prepare (native) and statement cache';
  if (leaf.url === '' && leaf.functionName === 'parse') return 'JSON.parse';
  if (leaf.url === '' && leaf.functionName === 'stringify') return 'JSON.stringify';
  const owner = stack.find((frame) => frame.url !== '' && !frame.url.startsWith('node:'));
  const url = owner?.url ?? '';
  if (leaf.url === '' && STORE_FILES.test(url)) return 'SQLite: statements run (native, incl. WAL writes, checkpoints, fsync)';
  if (/node_modules\/better-sqlite3\//.test(url)) return 'SQLite: better-sqlite3 JS';
  if (/node_modules\/kysely\//.test(url)) return 'Kysely JS (building, compiling, plugins, async plumbing)';
  if (WRITER_FILES.test(url)) return 'writer: commit & fact update (our code)';
  if (PIPELINE_FILES.test(url)) return 'our pipeline: route, parse, steps, assign';
  if (/node_modules\/isbot\//.test(url)) return 'isbot';
  if (/node_modules\/(hono|@hono\/node-server)\//.test(url)) return 'HTTP: Hono and node-server (incl. the Request it builds)';
  if (/node_modules\/zod\//.test(url)) return 'zod';
  if (url.includes('/server/')) return 'other server code';
  if (stack.some((frame) => HTTP_INTERNALS.test(frame.url))) return 'HTTP: node:http, net, streams';
  return 'node: other internals (timers, microtasks)';
}

// A sample counts in the innermost of these functions on its stack. Async code resumes with
// a short stack, so Kysely's work after an await may show under no step.
const STEPS: Array<[name: RegExp, file: RegExp, step: string]> = [
  [/^commitTransaction$/, /node_modules\/kysely\//, 'flush: COMMIT (WAL append, fsync, checkpoints)'],
  [/^beginTransaction$/, /node_modules\/kysely\//, 'flush: BEGIN'],
  [/^insertEvents$/, /server\/collect\/(commit|[a-z]+-flush-store)\.[jt]s$/, 'flush: insert events'],
  [/^(updateFacts|selectByVisitors|readFacts|readEvents|readWindows)$/, /server\/collect\/(update-facts|[a-z]+-flush-store)\.[jt]s$/, 'flush: read facts, rebuild/fold (updateFacts)'],
  [/^upsertFacts$/, /server\/collect\/(update-facts|[a-z]+-flush-store)\.[jt]s$/, 'flush: upsert facts'],
  [/^(addToSums|addToSegmentSums)$/, /server\/collect\/(sums-store|segment-sums-store|[a-z]+-flush-store)\.[jt]s$/, 'flush: add to daily sums'],
  [/^countDrops$/, /server\/collect\/commit\.[jt]s$/, 'flush: count drops'],
  [/^commitJobs$/, /server\/collect\/commit\.[jt]s$/, 'flush: transaction & rest of commitJobs'],
  [/^parseBatch$/, /server\/collect\/parse\.[jt]s$/, 'request: parseBatch (JSON.parse + checks)'],
  [/^runPipeline$/, /server\/collect\/steps\.[jt]s$/, 'request: runPipeline (parseEvent, resolveExperiment)'],
  [/^isbot$/, /node_modules\/isbot\//, 'request: isbot'],
];

function stepOf(stack: Frame[]): string {
  if (stack[0]?.functionName === '(garbage collector)') return 'GC';
  if (stack[0]?.functionName === '(program)') return 'V8/libuv outside JS ((program))';
  for (const frame of stack) {
    for (const [name, file, step] of STEPS) if (name.test(frame.functionName) && file.test(frame.url)) return step;
  }
  if (stack.some((frame) => /node_modules\/(kysely|better-sqlite3)\//.test(frame.url))) return 'database work under no step (async resumption)';
  // The writer's closures and the sums it adds to run after an await, under no named step: they
  // are the flush's, not the request's.
  if (stack.some((frame) => WRITER_FILES.test(frame.url) || SUMS_FILES.test(frame.url))) return 'flush: the rest of the writer (closures, sums, drops)';
  return 'request: the rest (HTTP, routing, answering)';
}

function shares(map: Map<string, number>, total: number): GroupShare[] {
  return [...map].sort((a, b) => b[1] - a[1]).map(([group, us]) => ({ group, ms: us / 1000, share: us / total }));
}

/** A window in the clock of V8's profiles and of process.hrtime (monotonic), in µs. */
export interface Window {
  fromUs: number;
  toUs: number;
}

export function groupProfile(profile: Profile, window: Window): Omit<IngestProfile, 'summary'> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stackOf = (id: number): Frame[] => {
    const stack: Frame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!.callFrame);
    return stack;
  };

  const groups = new Map<string, number>();
  const steps = new Map<string, number>();
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, index) => {
    const us = profile.timeDeltas[index] ?? 0;
    at += us;
    if (at < window.fromUs || at > window.toUs) return;
    const stack = stackOf(id);
    if (stack[0]?.functionName === '(idle)') return;
    total += us;
    const group = groupOf(stack);
    groups.set(group, (groups.get(group) ?? 0) + us);
    const step = stepOf(stack);
    steps.set(step, (steps.get(step) ?? 0) + us);
  });
  return { busySeconds: total / 1e6, groups: shares(groups, total), steps: shares(steps, total) };
}

/** `window` is the timed run; profile-summary.ts can only skip a start, so it also sees the stop. */
export function summariseIngestProfile(file: string, window: Window): IngestProfile & { skipSeconds: number } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  // The child ran compiled JavaScript: name its files by where they sit in the project.
  for (const node of profile.nodes) node.callFrame.url = sourcePathOf(node.callFrame.url);
  const named = file.replace(/\.cpuprofile$/, '.named.cpuprofile');
  writeFileSync(named, JSON.stringify(profile));
  const skipSeconds = (window.fromUs - profile.startTime) / 1e6;
  const summary = execFileSync(process.execPath, ['--import', 'tsx', SUMMARY_SCRIPT, named, '20', skipSeconds.toFixed(1)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return { ...groupProfile(profile, window), summary: summary.trimEnd(), skipSeconds };
}
