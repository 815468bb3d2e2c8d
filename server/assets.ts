// Where the built browser code lives (scripts/build-client.mjs writes it): dist/public, whether
// the server runs compiled from dist/server or from source under tsx and Vitest.
import { fileURLToPath } from 'node:url';

export function defaultAssetsDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return fileURLToPath(new URL(/[\\/]dist[\\/]server[\\/]$/.test(here) ? '../public/' : '../dist/public/', import.meta.url));
}
