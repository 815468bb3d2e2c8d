// For .ci/run: `create` makes a fresh database for this run and prints its URL (or nothing when
// no PostgreSQL answers on 127.0.0.1:5432); `drop URL` removes it afterwards.
import pg from 'pg';

const ADMIN_URL = process.env.CANDOR_CI_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function withAdmin(work) {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const [command, target] = process.argv.slice(2);
if (command === 'create') {
  const name = `candor_ci_${Date.now()}_${process.pid}`;
  try {
    await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  } catch (err) {
    console.error(`no PostgreSQL for the tests: ${err.message}`);
    process.exit(0);
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  console.log(url.href);
} else if (command === 'drop' && target) {
  const name = new URL(target).pathname.slice(1);
  if (!/^candor_ci_\d+_\d+$/.test(name)) throw new Error(`refusing to drop ${name}: not a CI database`);
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
} else {
  console.error('usage: node scripts/ci-postgres.mjs create | drop URL');
  process.exit(2);
}
