// The checks a merchant reads to know the install works: the last event (and from where), the last
// add-to-cart and the last purchase, each green when fresh, amber when old, grey when never seen.
import { hostOf, secondsAgo } from '../../format.js';
import type { Installation, Seen } from '../../types.js';

const FRESH_SECONDS = 3600;

export function InstallChecks({ installation }: { installation: Installation }) {
  const seen = installation.lastSeen;
  const from = !seen ? '' : seen.origin ? fromOrigin(seen.origin) : seen.source === 'events' ? '' : ' from a server';
  return (
    <ul class="install-checks" role="status" aria-live="polite">
      <Check seen={seen} waiting="No events yet. Once the tag is on a page with a running experiment, this turns green." what="Last event seen" suffix={from} />
      <Check seen={installation.conversions.add_to_cart} waiting="No add-to-cart yet: add a product to the cart on the shop to try it." what="Last add-to-cart seen" />
      <Check seen={installation.conversions.purchase} waiting="No purchase yet." what="Last purchase seen" />
    </ul>
  );
}

function Check({ seen, waiting, what, suffix = '' }: { seen: Seen | null; waiting: string; what: string; suffix?: string }) {
  if (!seen) {
    return (
      <li class="install-check install-waiting">
        <span class="dot" aria-hidden="true" />
        {waiting}
      </li>
    );
  }
  return (
    <li class={`install-check ${seen.secondsAgo < FRESH_SECONDS ? 'install-ok' : 'install-stale'}`}>
      <span class="dot" aria-hidden="true" />
      {what} {secondsAgo(seen.secondsAgo)}
      {suffix}.
    </li>
  );
}

/** A sandboxed frame, such as Shopify's custom pixel, sends the opaque origin "null". */
function fromOrigin(origin: string): string {
  return origin === 'null' ? ' from a sandboxed pixel (Shopify’s customer events)' : ` from ${hostOf(origin)}`;
}
