// Builds the browser code, then says, loudly, which databases the suite runs on, and fails fast
// when PostgreSQL was asked for (CANDOR_TEST_PG_URL) but does not answer: a silent skip would
// hide a broken dialect.
import pg from 'pg';
import { buildClient } from '../../scripts/build-client.mjs';

export default async function setup(): Promise<void> {
  // The snippet and dashboard the tests serve are built from the source being tested.
  await buildClient({ quiet: true });
  const url = process.env.CANDOR_TEST_PG_URL;
  if (!url) {
    console.warn(
      [
        '',
        '!!! ============================================================== !!!',
        '!!!  PostgreSQL suite SKIPPED: CANDOR_TEST_PG_URL is not set.        !!!',
        '!!!  Database tests run on SQLite only. .ci/run sets it whenever a   !!!',
        '!!!  PostgreSQL server answers on 127.0.0.1:5432.                    !!!',
        '!!! ============================================================== !!!',
        '',
      ].join('\n'),
    );
    return;
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    console.log(`Database tests run on SQLite and on PostgreSQL ${rows[0]?.server_version} (CANDOR_TEST_PG_URL).`);
  } catch (err) {
    throw new Error(`CANDOR_TEST_PG_URL is set but PostgreSQL does not answer: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}
