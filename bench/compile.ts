// Servers measured as they run in production (`npm start` runs compiled JavaScript with plain
// node): tsx's loader thread and caches would add ~50 MB of RSS and a second thread to profile.
// tsc compiles the child and what it imports into bench/results/build/, incrementally.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = fileURLToPath(new URL('./tsconfig.servers.json', import.meta.url));
const BUILD = fileURLToPath(new URL('./results/build/', import.meta.url));

/**
 * Compiles bench/servers/<name>.ts (or, given a path such as server/main.ts, that file) and
 * answers the path of its .js; type errors only warn.
 */
export function compileServer(name: string): string {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const output = name.includes('/') ? `${BUILD}${name.replace(/\.ts$/, '.js')}` : `${BUILD}bench/servers/${name}.js`;
  try {
    execFileSync(process.execPath, [tsc, '-p', CONFIG], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    // tsc still writes JavaScript when types do not check (another engineer's change in progress).
    const report = String((error as { stdout?: string }).stdout ?? error).trim();
    if (!existsSync(output)) throw new Error(`tsc could not compile ${name}:\n${report}`);
    process.stderr.write(`tsc reported type errors; measuring the JavaScript it wrote anyway:\n${report.split('\n').slice(0, 5).join('\n')}\n`);
  }
  return output;
}

/** Where a compiled file came from, for reading profiles: .../results/build/server/x.js → server/x.js. */
export function sourcePathOf(url: string): string {
  const marker = 'bench/results/build/';
  const at = url.indexOf(marker);
  return at === -1 ? url : url.slice(0, at) + url.slice(at + marker.length);
}
