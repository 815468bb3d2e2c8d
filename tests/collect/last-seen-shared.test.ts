// The install check behind a load balancer: a batch one Candor process took shows on the install
// page another process answers, once the first has shared its sighting (at most a second later,
// or at its stop). Two LastSeen on one real database stand for the two processes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLastSeen } from '../../server/collect/last-seen.js';
import { openTestDatabase, TEST_DIALECTS, type TestDatabase } from '../helpers/databases.js';

describe.each(TEST_DIALECTS)('install sightings shared between processes (%s)', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(dialect);
  });
  afterEach(async () => database.cleanup());

  it('shows another process its batches, origins and conversions, and never moves back in time', async () => {
    const taking = createLastSeen(database.db, { shareEveryMs: 10 });
    const polled = createLastSeen(database.db, { shareEveryMs: 10 });
    expect(await polled.find('site-a')).toBeNull();
    expect(await polled.findConversion('site-a', 'purchase')).toBeNull();

    taking.record('site-a', 'https://shop.example', 5_000);
    taking.recordConversions('site-a', ['purchase', 'click'], 5_000);
    // Known to the process that took it at once, to the other once shared.
    expect(await taking.find('site-a')).toEqual({ at: 5_000, origin: 'https://shop.example', source: 'memory' });
    await taking.flush();
    expect(await polled.find('site-a')).toEqual({ at: 5_000, origin: 'https://shop.example', source: 'memory' });
    expect(await polled.findConversion('site-a', 'purchase')).toBe(5_000);
    expect(await polled.findConversion('site-a', 'add_to_cart')).toBeNull();

    // A server's batch (no Origin) later, through the other process; then an older one arrives late.
    polled.record('site-a', null, 7_000);
    await polled.flush();
    taking.record('site-a', 'https://old.example', 6_000);
    await taking.flush();
    expect(await taking.find('site-a')).toEqual({ at: 7_000, origin: null, source: 'memory' });
    expect(await createLastSeen(database.db).find('site-a')).toEqual({ at: 7_000, origin: null, source: 'memory' });
    // Other sites are their own.
    expect(await polled.find('site-b')).toBeNull();
  });

  it('shares on its own timer, without a flush', async () => {
    const taking = createLastSeen(database.db, { shareEveryMs: 20 });
    taking.record('site-a', 'https://shop.example', 9_000);
    const polled = createLastSeen(database.db);
    await expect.poll(() => polled.find('site-a'), { timeout: 5_000, interval: 20 }).toEqual({ at: 9_000, origin: 'https://shop.example', source: 'memory' });
  });
});
