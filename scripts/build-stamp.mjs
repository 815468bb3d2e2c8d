// Whether `npm start` must build first: a fingerprint of the build's sources (their paths and
// contents), compared with the one kept in dist/ after the last build that succeeded.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** What the build reads, relative to the repository: a change to any of them means a new build. */
export const BUILD_INPUTS = ['server', 'client', 'schema.sql', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build-client.mjs', 'package.json', 'package-lock.json'];

/** What the build writes and `npm start` runs or serves. */
export const BUILD_OUTPUTS = ['dist/server/main.js', 'dist/public/c.js', 'dist/public/dashboard/app.js'];

export const STAMP_FILE = 'dist/build-stamp.json';

/** One hash over every file's path and contents, whatever order they are listed in. */
export function fingerprint(files) {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${file.path}\0${file.bytes.length}\0`).update(file.bytes);
  }
  return hash.digest('hex');
}

/**
 * Why a build is needed, or null when the last build is of these very sources. `stamp` is what
 * the last build recorded (null when none did), `missing` the outputs that are not there.
 */
export function staleReason({ stamp, current, missing }) {
  if (missing.length > 0) return `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`;
  if (stamp === null) return 'no build of these sources is recorded';
  if (stamp !== current) return 'the sources changed since the last build';
  return null;
}

/** Every file of the build's inputs under `root`, as {path, bytes} with '/'-separated paths. */
export function readInputs(root, inputs = BUILD_INPUTS) {
  const files = [];
  for (const input of inputs) {
    const path = join(root, input);
    if (!existsSync(path)) continue;
    const paths = statSync(path).isDirectory()
      ? readdirSync(path, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
      : [path];
    for (const file of paths) files.push({ path: relative(root, file).split(sep).join('/'), bytes: readFileSync(file) });
  }
  return files;
}

export function readStamp(root) {
  try {
    const stamp = JSON.parse(readFileSync(join(root, STAMP_FILE), 'utf8'));
    return typeof stamp.sources === 'string' ? stamp.sources : null;
  } catch {
    return null;
  }
}

export function writeStamp(root, sources) {
  writeFileSync(join(root, STAMP_FILE), `${JSON.stringify({ sources, builtAt: new Date().toISOString() })}\n`);
}

/** The decision for the tree at `root`: the fingerprint of its sources and why it needs a build (or null). */
export function checkBuild(root) {
  const current = fingerprint(readInputs(root));
  const missing = BUILD_OUTPUTS.filter((output) => !existsSync(join(root, output)));
  return { current, reason: staleReason({ stamp: readStamp(root), current, missing }) };
}
