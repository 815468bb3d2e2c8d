// `npm start`: builds the server and the browser code only when their sources changed since the
// last build (scripts/build-stamp.mjs decides), then runs the compiled server in this process,
// with the arguments given (`npm start -- --demo`).
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkBuild, writeStamp } from './build-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { current, reason } = checkBuild(root);
if (reason) {
  console.log(`Building Candor first: ${reason}.`);
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // The fingerprint of the sources as they were when the build began: an edit during the build
  // makes the next start build again.
  writeStamp(root, current);
}
await import(pathToFileURL(`${root}dist/server/main.js`).href);
