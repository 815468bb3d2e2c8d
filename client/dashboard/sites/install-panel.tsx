// How to install Candor on a site, per platform (Shopify, WooCommerce, any site), with the checks a
// merchant reads to know it works: "Last add-to-cart seen 2 min ago", refreshed every few seconds.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorNotice, Loading } from '../ui/controls.js';
import { useLoad } from '../ui/use-load.js';
import { AnySiteSteps } from './install/any-site-steps.js';
import { InstallChecks } from './install/install-checks.js';
import { ShopifySteps } from './install/shopify-steps.js';
import { WooCommerceSteps } from './install/woocommerce-steps.js';

const CHECK_EVERY_MS = 5000;

const PLATFORMS = [
  { key: 'shopify', name: 'Shopify', Steps: ShopifySteps },
  { key: 'woocommerce', name: 'WooCommerce', Steps: WooCommerceSteps },
  { key: 'any', name: 'Any site', Steps: AnySiteSteps },
] as const;
type PlatformKey = (typeof PLATFORMS)[number]['key'];

export function InstallPanel({ siteId }: { siteId: string }) {
  const { data, error, reload } = useLoad(() => api.installation(siteId), [siteId]);
  const [platform, setPlatform] = useState<PlatformKey>('shopify');

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [reload]);

  if (error && !data) return <ErrorNotice error={error} />;
  if (!data) return <Loading what="the install details" />;
  const chosen = PLATFORMS.find((entry) => entry.key === platform)!;
  return (
    <div class="install">
      <InstallChecks installation={data} />
      <PlatformTabs chosen={platform} onChoose={setPlatform} />
      <div role="tabpanel" id={`install-${platform}`} aria-labelledby={`install-tab-${platform}`}>
        <chosen.Steps installation={data} reload={() => void reload()} />
      </div>
    </div>
  );
}

/** A tab list by the WAI-ARIA pattern: arrow keys move between platforms. */
function PlatformTabs({ chosen, onChoose }: { chosen: PlatformKey; onChoose: (key: PlatformKey) => void }) {
  const move = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = PLATFORMS[(index + step + PLATFORMS.length) % PLATFORMS.length]!;
    onChoose(next.key);
    document.getElementById(`install-tab-${next.key}`)?.focus();
  };
  return (
    <div class="install-tabs" role="tablist" aria-label="Your shop runs on">
      {PLATFORMS.map((entry, index) => (
        <button
          key={entry.key}
          type="button"
          role="tab"
          id={`install-tab-${entry.key}`}
          aria-selected={entry.key === chosen}
          aria-controls={`install-${entry.key}`}
          tabIndex={entry.key === chosen ? 0 : -1}
          onClick={() => onChoose(entry.key)}
          onKeyDown={(event) => move(event, index)}
        >
          {entry.name}
        </button>
      ))}
    </div>
  );
}
