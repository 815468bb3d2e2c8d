// The demo's visitors carry a device and a traffic source on their exposure, in the documented
// shares, with one real interaction (the undisclosed AI image lifts clicks on phones only); sent
// through the event API they land in the facts' cells and the segment sums show the difference.
import { describe, expect, it } from 'vitest';
import { inProcessEventPoster } from '../../server/collect/in-process.js';
import { ensureDemo } from '../../server/demo/setup.js';
import { simulateDemoTraffic } from '../../server/demo/simulate.js';
import { DEMO_EFFECTS, DEMO_SEGMENTS, demoClickRate, planDemoTraffic, type PlanExperiment } from '../../server/demo/traffic-plan.js';
import { readSegmentSums } from '../../server/results/read-segment-sums.js';
import { decodeCell } from '../../server/segments/cell.js';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';

const NOW = Date.UTC(2026, 10, 24, 12);
const EXPERIMENT: PlanExperiment = { key: 'hero-campaign', seed: 'aurelia-lumen-hero', coverage: 1, variants: Object.keys(DEMO_EFFECTS).map((key) => ({ key, weight: 1 })) };

describe('the demo\'s segments', () => {
  it('keeps each arm\'s click rate over all devices, and lifts ai-plain on phones only', () => {
    const { devices } = DEMO_SEGMENTS;
    for (const [arm, effect] of Object.entries(DEMO_EFFECTS)) {
      const overall = (Object.keys(devices) as Array<keyof typeof devices>).reduce((sum, device) => sum + devices[device] * demoClickRate(arm, effect, device), 0);
      expect(overall).toBeCloseTo(effect.clicked, 12);
    }
    expect(demoClickRate('ai-plain', DEMO_EFFECTS['ai-plain'], 'desktop')).toBe(DEMO_EFFECTS.traditional.clicked);
    expect(demoClickRate('ai-plain', DEMO_EFFECTS['ai-plain'], 'mobile')).toBeGreaterThan(0.055);
  });

  it('draws devices and sources in the documented shares, and the interaction shows in a large plan', () => {
    const plan = planDemoTraffic(EXPERIMENT, { visitors: 100_000, seed: 'large', now: NOW });
    const share = (test: (visitor: (typeof plan)[number]) => boolean, among = plan) => among.filter(test).length / among.length;
    for (const [device, expected] of Object.entries(DEMO_SEGMENTS.devices)) expect(Math.abs(share((v) => v.device === device) - expected)).toBeLessThan(0.01);
    for (const [source, expected] of Object.entries(DEMO_SEGMENTS.sources)) expect(Math.abs(share((v) => v.source === source) - expected)).toBeLessThan(0.01);
    const clicked = (v: (typeof plan)[number]) => v.events.some((event) => event.type === 'click');
    const rate = (arm: string, phone: boolean) => share(clicked, plan.filter((v) => v.variant === arm && (v.device === 'mobile') === phone));
    expect(rate('ai-plain', true) - rate('traditional', true)).toBeGreaterThan(0.01);
    expect(Math.abs(rate('ai-plain', false) - rate('traditional', false))).toBeLessThan(0.005);
    // The exposure carries them, as the snippet's does; no other event does.
    const first = plan[0]!;
    expect(first.events[0]).toMatchObject({ type: 'exposure', props: { device: first.device, source: first.source } });
    expect(first.events.slice(1).every((event) => event.props === null)).toBe(true);
  });
});

describeEachDialect('the demo\'s segments, sent', (database) => {
  it('land in the facts\' cells and in the segment sums, per device and source', async () => {
    const t = buildTestApp(database());
    const { site, experiment } = await ensureDemo(database().db, { baseUrl: 'http://127.0.0.1:8787', now: t.clock.now, catalog: t.catalog });
    await simulateDemoTraffic({ post: inProcessEventPoster(t.app), siteKey: site.publicKey, experiment, now: t.clock.now, visitors: 400, seed: 'test' });
    const { cells } = await readSegmentSums(database().db, experiment.id);
    let visitors = 0;
    const devices = new Set<string>();
    for (const byCell of cells.values()) {
      for (const [cell, byMetric] of byCell) {
        const levels = decodeCell(cell);
        expect(Object.keys(levels).sort()).toEqual(['device', 'source']);
        devices.add(levels.device!);
        visitors += byMetric.get('clicked')!.n;
      }
    }
    expect(visitors).toBe(400);
    expect(devices).toEqual(new Set(['mobile', 'tablet', 'desktop']));
  });
});
