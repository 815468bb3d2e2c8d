// Builds the browser code into dist/public/: the snippet (one minified IIFE, /c.js) and, when
// its entry exists, the dashboard (Preact, /dashboard/app.js). Run by `npm run build` and by the
// test setup, so the server and the browser tests always serve what the source says.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/public`;

/** Browsers the snippet supports: those with fetch keepalive, IntersectionObserver and optional chaining. */
const BROWSER_TARGET = ['chrome80', 'firefox78', 'safari14', 'edge80'];

export async function buildClient({ quiet = false } = {}) {
  await build({
    entryPoints: [`${root}client/snippet/main.ts`],
    outfile: `${out}/c.js`,
    bundle: true,
    format: 'iife',
    minify: true,
    target: BROWSER_TARGET,
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
  });
  const dashboard = `${root}client/dashboard/main.tsx`;
  if (existsSync(dashboard)) {
    await build({
      entryPoints: [dashboard],
      outdir: `${out}/dashboard`,
      entryNames: 'app',
      bundle: true,
      format: 'esm',
      minify: true,
      target: BROWSER_TARGET,
      jsx: 'automatic',
      jsxImportSource: 'preact',
      loader: { '.css': 'css' },
      legalComments: 'none',
      logLevel: quiet ? 'error' : 'warning',
    });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildClient();
}
