// The snippet (/c.js): one async script tag per page. It assigns the visitor with the server's own
// hash, renders each slot's variant, reports what the visitor sees and does (each exposure with
// the visitor's coarse segment: segment.ts), and exposes
// candor('track' | 'consent', …). Nothing in here may throw into the shop's page or delay it.
import { chooseVariant, hashV2 } from '../../server/assign/index.js';
import { segmentProps } from './segment.js';
import { SHOP_ELEMENTS } from './shop-triggers.js';
import { renderVariant } from './render.js';
import { forgetVisitor, visitorId } from './storage.js';
import { send, startTransport, stopTransport } from './transport.js';
import type { CandorEvent, Config, Experiment } from './types.js';
import { loadExtras } from './load-extras.js';
import { watchCreative } from './watch.js';

type Candor = ((command: string, subject?: any, options?: CandorEvent) => void) & { q?: IArguments[] };

const page = window as unknown as { candor?: Candor };
let site: string;
let base: string;
let optedOut: boolean | undefined;
let consent: boolean | undefined;
let started = false;
/** Fills every slot on the page not filled yet; set once the config is in (candor('refresh') calls it). */
let fill: (() => void) | undefined;

try {
  boot((document.currentScript || document.querySelector('script[data-site]')) as HTMLScriptElement);
} catch {
  // A broken snippet must leave the shop's page exactly as the shop made it.
}

function boot(script: HTMLScriptElement): void {
  site = script.dataset.site!;
  // Whatever precedes /c.js (a split costs fewer bytes than an anchored replace).
  base = script.src.split(/\/c\.js/)[0]!;
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
  // Global Privacy Control or Do Not Track: nothing stored, nothing sent, the control shown.
  optedOut = nav.globalPrivacyControl || nav.doNotTrack == '1';
  // A shop with a consent banner says data-consent="required": slots keep their fallback and
  // nothing is stored until candor('consent', true) (or false: the control, untracked).
  consent = script.dataset.consent == 'required' ? undefined : true;
  const queued = page.candor?.q || [];
  page.candor = (command, subject, options) => {
    try {
      if (command == 'consent') {
        if (!(consent = !!subject)) {
          stopTransport();
          forgetVisitor();
        }
        run();
      } else if (command == 'refresh') {
        // A single-page shop drew new slots: fill them, leaving the filled ones as they are.
        fill?.();
      } else if (command == 'track') {
        const type = subject == 'add_to_cart' || subject == 'purchase' ? subject : 'custom';
        const { value, order, props } = options || {};
        send({ type, name: type == 'custom' ? subject : undefined, value, order, props }, type != 'custom');
      }
    } catch {
      // A mistaken call from the shop's code must not break the page.
    }
  };
  for (const args of queued) page.candor(...(args as unknown as Parameters<Candor>));
  run();
}

function run(): void {
  if (started || consent == undefined) return;
  started = true;
  const visitor = consent && !optedOut ? visitorId() : '';
  visitor ? startTransport(base + '/v1/events', site, visitor) : stopTransport();
  fetch(base + '/v1/config?site=' + site)
    .then((response) => response.json())
    .then((config: Config) => whenParsed((fill = () => config.experiments.forEach((experiment) => serve(experiment, visitor, segmentProps(config))))))
    .catch(() => {});
  // Shopify storefronts too: their themes add by AJAX, and the cart gets the visitor id (commerce.ts).
  whenParsed(
    () => visitor && ((window as any).Shopify || document.querySelector(SHOP_ELEMENTS)) && loadExtras(base).then((extras) => extras.watchShopForms(send, visitor)),
  );
}

/** The script is async: it may run before the slots and forms further down the page exist. */
function whenParsed(callback: () => unknown): void {
  document.readyState == 'loading' ? document.addEventListener('DOMContentLoaded', callback) : callback();
}

function serve(experiment: Experiment, visitor: string, segment: CandorEvent['props']): void {
  const { variants, survey } = experiment;
  // The ranges come computed by the server's own buckets.ts: the browser only hashes.
  const variant = visitor ? variants[chooseVariant(hashV2(experiment.seed, visitor), experiment.ranges)] : variants.find((arm) => arm.control);
  // Outside the experiment's coverage: the shop's own content stays and nothing is reported.
  if (!variant) return;
  const report = (event: CandorEvent, now?: boolean): void => send({ ...event, experiment: experiment.key, variant: variant.key }, now);
  // Viewable: the extras wait the survey's delay and ask once per visitor (survey.ts).
  const ask = (): void => {
    survey && loadExtras(base).then((extras) => extras.askSurvey(survey, experiment.key, (value) => report({ type: 'survey', name: survey.question, value }, true)));
  };
  // Marked at once, so a refresh while its media still loads does not fill it twice.
  document.querySelectorAll<HTMLElement & { candor?: 1 }>(`[data-candor-slot="${experiment.slot}"]`).forEach(
    (slot) =>
      slot.candor ||
      ((slot.candor = 1),
      renderVariant(slot, variant)
      .then((rendered) => {
        if (!visitor) return;
        report({ type: 'exposure', props: segment });
        watchCreative(rendered, report, ask);
        const { media } = rendered;
        if (media instanceof HTMLVideoElement) loadExtras(base).then((extras) => extras.watchVideo(media, report));
      })
      .catch(() => {})),
  );
}
