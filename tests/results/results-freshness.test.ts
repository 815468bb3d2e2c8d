// The results document while events arrive: kept until the sums move, with an ETag the dashboard
// can revalidate (304), gzipped when asked, and, when a caller accepts older sums, never older
// figures without a freshness block that says how far behind they are.
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { armEvent, runningSetup, send } from '../collect/helpers.js';

async function visit(t: TestApp, setup: Awaited<ReturnType<typeof runningSetup>>, visitor: string) {
  const reply = await send(t, setup.site, visitor, [armEvent(setup.experiment, visitor, 'exposure', t.clock.now - 60_000)]);
  expect(reply.status).toBe(202);
}

const visitorsOf = (body: { variants: Array<{ visitors: number }> }) => body.variants.reduce((sum, variant) => sum + variant.visitors, 0);

describeEachDialect('results freshness', (database) => {
  it('answers 304 to its own ETag while the sums stand still, and a new document once they move', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const setup = await runningSetup(t);
    await visit(t, setup, 'visitor-1');
    const path = `/api/experiments/${setup.experiment.id}/results`;
    const first = await t.call('GET', path);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.body.freshness).toMatchObject({ current: true, note: null });
    expect(first.body.freshness.sumsVersion).toBe(first.body.freshness.latestSumsVersion);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);

    const again = await t.call('GET', path, undefined, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);

    await visit(t, setup, 'visitor-2');
    const moved = await t.call('GET', path, undefined, { headers: { 'if-none-match': etag } });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).not.toBe(etag);
    expect(visitorsOf(moved.body)).toBe(2);
    expect(moved.body.freshness.current).toBe(true);
    expect(moved.body.freshness.sumsVersion).toBeGreaterThan(first.body.freshness.sumsVersion);
  });

  it('gives a document from older sums only to a caller that allows it, within its bound, and says so', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const setup = await runningSetup(t);
    await visit(t, setup, 'visitor-1');
    const path = `/api/experiments/${setup.experiment.id}/results`;
    const built = await t.call('GET', `${path}?maxStaleness=5000`);
    expect(built.body.freshness.current).toBe(true);

    await visit(t, setup, 'visitor-2');
    t.clock.now += 1000;
    const stale = await t.call('GET', `${path}?maxStaleness=5000`);
    expect(visitorsOf(stale.body)).toBe(1);
    expect(stale.body.freshness).toMatchObject({ current: false, sumsVersion: built.body.freshness.sumsVersion, builtAt: built.body.generatedAt });
    expect(stale.body.freshness.latestSumsVersion).toBeGreaterThan(stale.body.freshness.sumsVersion);
    expect(stale.body.freshness.note).toMatch(/later commit/);

    // The default asks for the latest sums.
    const strict = await t.call('GET', path);
    expect(visitorsOf(strict.body)).toBe(2);
    expect(strict.body.freshness.current).toBe(true);

    // Past the bound, the document is built afresh.
    await visit(t, setup, 'visitor-3');
    t.clock.now += 6000;
    const rebuilt = await t.call('GET', `${path}?maxStaleness=5000`);
    expect(visitorsOf(rebuilt.body)).toBe(3);
    expect(rebuilt.body.freshness.current).toBe(true);
  });

  it('shares one build between concurrent requests for the same document', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const setup = await runningSetup(t);
    await visit(t, setup, 'visitor-1');
    const path = `/api/experiments/${setup.experiment.id}/results`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.call('GET', path)));
    expect(new Set(answers.map((answer) => answer.body.generatedAt)).size).toBe(1);
    expect(new Set(answers.map((answer) => answer.headers.get('etag'))).size).toBe(1);
  });

  it('sends the document gzipped to a client that accepts it, with a tag of its own', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const setup = await runningSetup(t);
    await visit(t, setup, 'visitor-1');
    const path = `/api/experiments/${setup.experiment.id}/results`;
    const plain = await t.call('GET', path);
    const response = await t.app.request(path, { headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'accept-encoding': 'gzip, deflate, br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    expect(JSON.parse(gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8'))).toEqual(plain.body);
  });
});
