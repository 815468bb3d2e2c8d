// Folder-level import graph of server/: which feature folder imports which, and the cycles in it.
// Folder loops make features impossible to read or test one at a time, so a test keeps them out.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function listSources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listSources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The top folder of a file under root ('.' for files directly in root). */
function folderOf(root, file) {
  const parts = relative(root, file).split(sep);
  return parts.length > 1 ? parts[0] : '.';
}

/** Map folder -> Map(imported folder -> [example "from -> to" file pairs]); type-only imports count too. */
export function folderGraph(root) {
  const graph = new Map();
  for (const file of listSources(root)) {
    const from = folderOf(root, file);
    if (!graph.has(from)) graph.set(from, new Map());
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2];
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(root + sep)) continue;
      const to = folderOf(root, target);
      if (to === from || to === '.' || from === '.') continue;
      const edges = graph.get(from);
      if (!edges.has(to)) edges.set(to, []);
      edges.get(to).push(`${relative(root, file)} -> ${spec}`);
    }
  }
  return graph;
}

/** Strongly connected components with more than one folder (Tarjan), each sorted by name. */
export function folderCycles(graph) {
  let index = 0;
  const indexOf = new Map(), low = new Map(), stack = [], onStack = new Set(), cycles = [];
  const visit = (node) => {
    indexOf.set(node, index); low.set(node, index); index++;
    stack.push(node); onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!indexOf.has(next)) { visit(next); low.set(node, Math.min(low.get(node), low.get(next))); }
      else if (onStack.has(next)) low.set(node, Math.min(low.get(node), indexOf.get(next)));
    }
    if (low.get(node) === indexOf.get(node)) {
      const component = [];
      let member;
      do { member = stack.pop(); onStack.delete(member); component.push(member); } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indexOf.has(node)) visit(node);
  return cycles;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(process.argv[2] ?? 'server');
  const graph = folderGraph(root);
  const cycles = folderCycles(graph);
  for (const cycle of cycles) {
    console.log(`cycle: ${cycle.join(', ')}`);
    for (const from of cycle) for (const [to, files] of graph.get(from) ?? [])
      if (cycle.includes(to)) console.log(`  ${from} -> ${to}: ${files.join('; ')}`);
  }
  if (cycles.length === 0) console.log('no folder cycles');
  process.exitCode = cycles.length > 0 ? 1 : 0;
}
