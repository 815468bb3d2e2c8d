// Simulated visitors for the dashboard's browser tests, sent the way a shop's server would:
// each visitor asks /v1/assign which arm the hash gives it, then posts one batch of events to
// /v1/events. Each arm has its own known rates, so the results have something to show.
import { mulberry32 } from '../../server/demo/seeded-random.js';

export interface ArmBehaviour {
  click: number;
  cart: number;
  /** Mean of the 1–5 trust answer (answers are spread ±1 around it). */
  trust: number;
  noticed: number;
  /** For a video creative: the share who start it; each then drops off at random along the way. */
  plays?: number;
}

export interface TrafficPlan {
  baseUrl: string;
  siteKey: string;
  experimentKey: string;
  visitors: number;
  /** Prefix of the visitor ids, so several runs do not collide. */
  prefix: string;
  /** An arm's behaviour, which may depend on the visitor (for a segment with its own effect). */
  behaviour: (variantKey: string, index: number) => ArmBehaviour;
  /** Segment props the exposure carries (device, source), as the snippet sends them. */
  props?: (index: number) => Record<string, string>;
  /** The event time for visitor i (the app's clock must accept it). */
  time: (index: number) => number;
}

/** A small deterministic generator, so the figures are the same on every run. */
export const seeded = mulberry32;

export async function sendTraffic(plan: TrafficPlan, random: () => number): Promise<number> {
  let events = 0;
  const one = async (index: number) => {
    const visitor = `${plan.prefix}${index}`;
    const query = new URLSearchParams({ site: plan.siteKey, experiment: plan.experimentKey, visitor });
    const assigned = (await (await fetch(`${plan.baseUrl}/v1/assign?${query}`)).json()) as { variant: { key: string } | null };
    if (!assigned.variant) return;
    const variant = assigned.variant.key;
    const arm = plan.behaviour(variant, index);
    const ts = plan.time(index);
    const base = { experiment: plan.experimentKey, variant, ts };
    const batch: Array<Record<string, unknown>> = [
      { id: `${visitor}-x`, type: 'exposure', ...base, ...(plan.props && { props: plan.props(index) }) },
      { id: `${visitor}-v`, type: 'viewable', ...base },
    ];
    if (arm.plays !== undefined && random() < arm.plays) {
      batch.push({ id: `${visitor}-s`, type: 'video_start', ...base });
      for (const milestone of [25, 50, 75, 100]) {
        if (random() < 0.3) break;
        batch.push({ id: `${visitor}-p${milestone}`, type: 'video_progress', value: milestone, ...base });
      }
    }
    if (random() < arm.click) batch.push({ id: `${visitor}-c`, type: 'click', ...base });
    if (random() < arm.cart) batch.push({ id: `${visitor}-a`, type: 'add_to_cart', experiment: null, variant: null, ts, value: 49 });
    if (random() < 0.35) {
      const answer = Math.max(1, Math.min(5, Math.round(arm.trust + (random() * 2 - 1))));
      batch.push({ id: `${visitor}-t`, type: 'survey', name: 'trust', value: answer, ...base });
    }
    if (random() < 0.3) batch.push({ id: `${visitor}-n`, type: 'survey', name: 'noticed', value: random() < arm.noticed ? 1 : 0, ...base });
    const response = await fetch(`${plan.baseUrl}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ site: plan.siteKey, visitor, events: batch }),
    });
    if (response.status !== 202) throw new Error(`events refused: ${response.status} ${await response.text()}`);
    events += batch.length;
  };
  // A few at a time: enough to be quick, few enough to keep the order of days.
  for (let start = 0; start < plan.visitors; start += 20) {
    await Promise.all(Array.from({ length: Math.min(20, plan.visitors - start) }, (_, offset) => one(start + offset)));
  }
  return events;
}
