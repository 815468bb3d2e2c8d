// Builds the browser code into dist/public/: the snippet (minified IIFEs, /c.js and its extras) and, when
// its entry exists, the dashboard (Preact, /dashboard/app.js). Run by `npm run build` and by the
// test setup, so the server and the browser tests always serve what the source says.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mkdir, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { minify } from 'terser';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/public`;

/** ES2020 (optional chaining, nullish): every browser with fetch keepalive and IntersectionObserver has it. */
const BROWSER_TARGET = 'es2020';

export async function buildClient({ quiet = false } = {}) {
  // c.js on every page view; c-extras.js (the survey card, video watching) only where needed.
  const snippet = await build({
    entryPoints: { c: `${root}client/snippet/main.ts`, 'c-extras': `${root}client/snippet/extras.ts` },
    outdir: out,
    write: false,
    bundle: true,
    format: 'iife',
    minify: true,
    target: BROWSER_TARGET,
    legalComments: 'none',
    // An IIFE needs no "use strict" prologue to behave; it would only cost bytes on every page.
    tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
    logLevel: quiet ? 'error' : 'warning',
  });
  // esbuild bundles; terser's multi-pass compression then takes a further ~5% off a file that
  // every page view of every shop downloads.
  for (const file of snippet.outputFiles) {
    const { code } = await minify(file.text, { ecma: 2020, toplevel: true, compress: { passes: 3 } });
    await mkdir(out, { recursive: true });
    await writeFile(file.path, code);
  }
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
