// What PostgreSQL spent during a timed run: the CPU of its server processes (from /proc, so it
// needs the server on this machine), and lock waits, sampled from pg_stat_activity every ~50 ms
// for the backends of the bench database, with pg_stat_database's deadlock count. Sessions on
// other databases (a neighbour's tests on a shared server) are seen in the samples and left out.
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { cpuSecondsOf } from './cpu-time.js';

const SAMPLE_MS = 50;

export interface PgWatch {
  /**
   * The CPU seconds of every postgres process over the run but those serving other databases:
   * the bench database's backends and the shared ones (WAL writer, checkpointer, ...). Null when
   * the server's processes are not in this machine's /proc (a remote BENCH_PG_URL).
   */
  cpuSeconds: number | null;
  /** The part of it spent by backends of the bench database. */
  benchBackendCpuSeconds: number | null;
  /** Every postgres process's, other databases' sessions included: what a busy neighbour adds. */
  everyProcessCpuSeconds: number | null;
  lockWaits: LockWaits;
}

export interface LockWaits {
  samples: number;
  /** Samples in which at least one bench backend waited on a heavyweight lock (wait_event_type 'Lock'). */
  samplesWithLockWait: number;
  /** ...and on a lightweight lock ('LWLock'). */
  samplesWithLwLockWait: number;
  /** Backend-samples: an active backend seen in one sample counts once. */
  activeBackendSamples: number;
  lockWaitBackendSamples: number;
  lwLockWaitBackendSamples: number;
  /** The most seen Lock/LWLock wait events, e.g. {"Lock:advisory": 120}. */
  events: Record<string, number>;
  deadlocks: number;
}

/** Every process whose command is postgres, with its CPU seconds so far. */
function postgresCpu(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue; // gone between the listing and the read
    }
    const seconds = cpuSecondsOf(Number(entry));
    if (seconds !== null) cpu.set(Number(entry), seconds);
  }
  return cpu;
}

/** CPU used between two readings; a process born in between counts from zero, one that died is lost. */
function spent(before: Map<number, number>, after: Map<number, number>, counts: (pid: number) => boolean = () => true): number {
  let total = 0;
  for (const [pid, seconds] of after) if (counts(pid)) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** Starts watching; stop() ends the window and answers what PostgreSQL spent in it. */
export async function watchPostgres(url: string, database: string): Promise<{ stop(): Promise<PgWatch> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const deadlocks = async () =>
    Number((await client.query<{ n: string }>('SELECT deadlocks AS n FROM pg_stat_database WHERE datname = $1', [database])).rows[0]?.n ?? 0);
  const waits: LockWaits = {
    samples: 0,
    samplesWithLockWait: 0,
    samplesWithLwLockWait: 0,
    activeBackendSamples: 0,
    lockWaitBackendSamples: 0,
    lwLockWaitBackendSamples: 0,
    events: {},
    deadlocks: 0,
  };
  const benchPids = new Set<number>();
  const otherPids = new Set<number>();
  const sample = async () => {
    const { rows } = await client.query<{ pid: number; datname: string | null; client: boolean; state: string | null; type: string | null; event: string | null }>(
      `SELECT pid, datname, backend_type = 'client backend' AS client, state, wait_event_type AS type, wait_event AS event
         FROM pg_stat_activity WHERE pid <> pg_backend_pid()`,
    );
    waits.samples++;
    let lock = 0;
    let lwLock = 0;
    for (const row of rows) {
      // The shared processes have no database; anything on another database is not the bench's.
      if (row.datname !== null && row.datname !== database) otherPids.add(row.pid);
      if (row.datname !== database || !row.client) continue;
      benchPids.add(row.pid);
      if (row.state !== 'active') continue;
      waits.activeBackendSamples++;
      if (row.type === 'Lock') lock++;
      if (row.type === 'LWLock') lwLock++;
      if (row.type === 'Lock' || row.type === 'LWLock') waits.events[`${row.type}:${row.event}`] = (waits.events[`${row.type}:${row.event}`] ?? 0) + 1;
    }
    waits.lockWaitBackendSamples += lock;
    waits.lwLockWaitBackendSamples += lwLock;
    if (lock > 0) waits.samplesWithLockWait++;
    if (lwLock > 0) waits.samplesWithLwLockWait++;
  };

  const deadlocksBefore = await deadlocks();
  const ownBackend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const cpuBefore = postgresCpu();
  // Our own connection's backend must be among them, or these are some other server's processes.
  const local = cpuBefore.has(ownBackend);
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      await sample();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, SAMPLE_MS - (Date.now() - started))));
    }
  })();

  return {
    async stop() {
      running = false;
      const cpuAfter = postgresCpu();
      await loop;
      waits.deadlocks = (await deadlocks()) - deadlocksBefore;
      await client.end();
      return {
        cpuSeconds: local ? spent(cpuBefore, cpuAfter, (pid) => !otherPids.has(pid)) : null,
        benchBackendCpuSeconds: local ? spent(cpuBefore, cpuAfter, (pid) => benchPids.has(pid)) : null,
        everyProcessCpuSeconds: local ? spent(cpuBefore, cpuAfter) : null,
        lockWaits: waits,
      };
    },
  };
}
