// The feature folders of server/ import one another in one direction only: a folder loop would
// mean no feature can be read, tested or changed on its own (see scripts/import-cycles.mjs).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderCycles, folderGraph } from '../scripts/import-cycles.mjs';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'candor-cycles-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('folder import cycles', () => {
  it('server/ has none', () => {
    const graph = folderGraph(resolve('server'));
    expect(graph.size).toBeGreaterThan(10);
    expect(folderCycles(graph)).toEqual([]);
  });

  it('finds a loop made by type imports, re-exports and dynamic imports', () => {
    const root = tree({
      'a/one.ts': "import type { B } from '../b/two.js';\n",
      'b/two.ts': "export { C } from '../c/three.js';\n",
      'c/three.ts': "const a = await import('../a/one.js');\n",
      'd/four.ts': "import { x } from '../a/one.js';\nimport { y } from './five.js';\n",
      'main.ts': "import { z } from './d/four.js';\n",
    });
    expect(folderCycles(folderGraph(root))).toEqual([['a', 'b', 'c']]);
  });

  it('lets folders import one way, and files in the root import anything', () => {
    const root = tree({
      'a/one.ts': "import { b } from '../b/two.js';\nimport { m } from '../main.js';\n",
      'b/two.ts': "import { errors } from '../errors.js';\nimport { z } from 'zod';\n",
      'main.ts': "import { a } from './a/one.js';\n",
    });
    expect(folderCycles(folderGraph(root))).toEqual([]);
  });
});
