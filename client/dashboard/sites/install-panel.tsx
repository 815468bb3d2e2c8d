// How to install Candor on a site: the one script tag, the slot markup of its experiments, and a
// live check that events arrive ("Last event seen 12 s ago from shop.example").
import { useEffect } from 'preact/hooks';
import { api } from '../api.js';
import { hostOf, secondsAgo } from '../format.js';
import type { Installation } from '../types.js';
import { CopyableCode } from '../ui/copy-button.js';
import { ErrorNotice, Loading } from '../ui/controls.js';
import { useLoad } from '../ui/use-load.js';

const CHECK_EVERY_MS = 5000;

export function InstallPanel({ siteId }: { siteId: string }) {
  const { data, error, reload } = useLoad(() => api.installation(siteId), [siteId]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [reload]);

  if (error && !data) return <ErrorNotice error={error} />;
  if (!data) return <Loading what="the install details" />;
  return (
    <div class="install">
      <InstallCheck installation={data} />
      <h3>1. Add this tag to every page of the shop</h3>
      <p class="muted small">Put it in the page’s &lt;head&gt;. It loads without holding the page up.</p>
      <CopyableCode code={data.scriptTag} label="The script tag" />
      <h3>2. Mark where each creative goes</h3>
      {data.slots.length === 0 ? (
        <p class="muted small">Once an experiment exists, its slot’s markup appears here.</p>
      ) : (
        data.slots.map((slot) => (
          <div key={slot.slot}>
            <p class="muted small">
              Slot <code>{slot.slot}</code>: put your usual creative inside as the fallback.
            </p>
            <CopyableCode code={slot.markup} label={`Markup of slot ${slot.slot}`} />
          </div>
        ))
      )}
    </div>
  );
}

function InstallCheck({ installation }: { installation: Installation }) {
  const seen = installation.lastSeen;
  if (!seen) {
    return (
      <p class="install-check install-waiting" role="status" aria-live="polite">
        <span class="dot" aria-hidden="true" />
        No events yet. Once the tag is on a page with a running experiment, this turns green.
      </p>
    );
  }
  const from = seen.origin ? ` from ${hostOf(seen.origin)}` : seen.source === 'events' ? '' : ' from a server';
  const fresh = seen.secondsAgo < 3600;
  return (
    <p class={`install-check ${fresh ? 'install-ok' : 'install-stale'}`} role="status" aria-live="polite">
      <span class="dot" aria-hidden="true" />
      Last event seen {secondsAgo(seen.secondsAgo)}
      {from}.
    </p>
  );
}
