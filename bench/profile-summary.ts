// Reads a V8 .cpuprofile (from `BENCH_PROFILE=1 npm run bench`, which runs the Candor child with
// --cpu-prof) and prints where the busy time went, by package and by function.
// Usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top] [seconds of start-up to skip]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function where(url: string): string {
  if (url === '') return '';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  return path.startsWith(ROOT) ? path.slice(ROOT.length) : path;
}

function areaOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  return where(url).split('/').slice(0, 2).join('/');
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'}  ${where(url)}${url ? `:${lineNumber + 1}` : ''}`;
}

export function summarise(profile: Profile, top: number, skipSeconds: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  // Shares are of busy time: idle samples are counted apart, start-up can be skipped.
  const self = new Map<number, number>();
  let elapsed = 0;
  let idle = 0;
  profile.samples.forEach((id, index) => {
    const us = profile.timeDeltas[index] ?? 0;
    elapsed += us;
    if (elapsed < skipSeconds * 1e6) return;
    if (byId.get(id)?.callFrame.functionName === '(idle)') idle += us;
    else self.set(id, (self.get(id) ?? 0) + us);
  });
  const total = [...self.values()].reduce((sum, us) => sum + us, 0);

  const byArea = new Map<string, number>();
  const selfByLabel = new Map<string, number>();
  const totalByLabel = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    byArea.set(areaOf(node), (byArea.get(areaOf(node)) ?? 0) + us);
    selfByLabel.set(label(node), (selfByLabel.get(label(node)) ?? 0) + us);
    // Count each function once per stack, or recursion would count it several times.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = label(byId.get(at)!);
      if (seen.has(name)) continue;
      seen.add(name);
      totalByLabel.set(name, (totalByLabel.get(name) ?? 0) + us);
    }
  }

  const percent = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
  const list = (map: Map<string, number>, count: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, us]) => `  ${percent(us)}  ${name}`);
  return [
    `${(total / 1e6).toFixed(1)} s busy, ${(idle / 1e6).toFixed(1)} s idle, after skipping ${skipSeconds} s; shares are of the busy time`,
    '',
    'by package or area (self time):',
    ...list(byArea, top),
    '',
    'functions by self time:',
    ...list(selfByLabel, top),
    '',
    'functions by total time (self and callees):',
    ...list(totalByLabel, top),
  ].join('\n');
}

const [file, top = '25', skip = '0'] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top] [seconds of start-up to skip]');
  process.exit(2);
}
console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(top), Number(skip)));
