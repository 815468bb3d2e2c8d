// Imports as the tests make them: through the route (a CSV body, options in the query) and
// through the command's function (a file on disk, options as parseArgs gives them).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCommand } from '../../server/cli/import.js';
import { verifyConsistency } from '../../server/collect/verify.js';
import { loadConfig } from '../../server/config.js';
import { ADMIN_TOKEN, type Reply, type TestApp } from '../helpers/app.js';
import type { TestDatabase } from '../helpers/databases.js';

export type ImportValues = Record<string, string | string[]>;

export function importQuery(values: ImportValues): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) for (const one of [value].flat()) query.append(name, one);
  return query.toString();
}

export async function postImport(
  t: TestApp,
  values: ImportValues,
  body: string | Uint8Array | ReadableStream<Uint8Array>,
  headers: Record<string, string> = { 'content-type': 'text/csv' },
): Promise<Reply> {
  const response = await t.app.request(`/api/experiments/import?${importQuery(values)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...headers },
    body,
    ...(body instanceof ReadableStream && { duplex: 'half' }),
  } as RequestInit);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : text, headers: response.headers };
}

/** Runs the `import` command's function on the test database; returns what it printed. */
export async function runImportCommand(database: TestDatabase, file: string, values: ImportValues, now = Date.UTC(2026, 10, 24, 12)) {
  const lines: string[] = [];
  const context = { db: database.db, dialect: database.dialect, config: loadConfig({}), out: (line: string) => lines.push(line), now: () => now };
  await importCommand(context, { values, positionals: [file] });
  const id = /\(id ([^)]+)\)/.exec(lines[0] ?? '')?.[1];
  if (!id) throw new Error(`the import printed no experiment id:\n${lines.join('\n')}`);
  return { id, lines };
}

const tempDirs: string[] = [];

/** Writes text to a fresh temp file and returns its path; removeTempCsvs() removes them all. */
export function tempCsv(text: string | Uint8Array, name = 'past-test.csv'): string {
  const dir = mkdtempSync(join(tmpdir(), 'candor-import-'));
  tempDirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export function removeTempCsvs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export async function expectConsistent(database: TestDatabase): Promise<Awaited<ReturnType<typeof verifyConsistency>>> {
  const report = await verifyConsistency(database.db);
  const sums = report.sumDifferences.length + report.segmentSumDifferences.length;
  if (report.factDifferences.length > 0 || sums > 0) {
    throw new Error(`verify found ${report.factDifferences.length} fact and ${sums} sum differences`);
  }
  return report;
}
