// Installing on Shopify: the tag in the theme, a slot in a Custom Liquid section, the customer-events
// pixel (add-to-carts and purchases after checkout, where the tag cannot run since August 2025),
// and the order webhooks that give the shop's own totals and refunds.
import { api } from '../../api.js';
import type { Installation } from '../../types.js';
import { CopyableCode } from '../../ui/copy-button.js';
import { ErrorNotice, Loading } from '../../ui/controls.js';
import { useLoad } from '../../ui/use-load.js';
import { SlotStep, TagStep } from './common-steps.js';
import { WebhookCheck, WebhookSecretForm } from './shopify-webhook.js';

export function ShopifySteps({ installation, reload }: { installation: Installation; reload: () => void }) {
  return (
    <ol class="install-steps">
      <li>
        <TagStep
          installation={installation}
          where={
            <>
              In Shopify admin: Online Store → Themes → ⋯ → Edit code → <code>layout/theme.liquid</code>, just before <code>&lt;/head&gt;</code>.
            </>
          }
        />
      </li>
      <li>
        <SlotStep installation={installation} where={<>in the theme editor, add a Custom Liquid section where the creative goes and paste this.</>} />
      </li>
      <li>
        <h4>Add the customer-events pixel</h4>
        <p class="muted small">
          Settings → Customer events → Add custom pixel, name it “Candor”. Under Customer privacy choose “Analytics”, paste this code, then Save and
          Connect. It reports add-to-carts and purchases (checkout pages no longer run theme scripts), only for visitors the tag has seen and only
          with their consent.
        </p>
        <PixelCode path={installation.shopify.pixelPath} />
      </li>
      <li>
        <h4>Send orders and refunds by webhook</h4>
        <p class="muted small">
          Settings → Notifications → Webhooks → Create webhook: event “Order creation”, format JSON, this URL. Then one more for “Refund
          create”. Then paste the signing secret Shopify shows there below. Orders then count even when a visitor blocks scripts, with the shop’s own totals, and refunds take their amount back.
        </p>
        <CopyableCode code={installation.shopify.webhookUrl} label="The webhook URL" />
        <WebhookSecretForm siteId={installation.siteId} secretSet={installation.shopify.webhook.secretSet} onSaved={reload} />
        <WebhookCheck webhook={installation.shopify.webhook} />
      </li>
      <li>
        <h4>Add-to-cart</h4>
        <p class="muted small">Nothing to do: product forms and cart drawers that add by <code>/cart/add</code> are recognised, with each product’s own price.</p>
      </li>
    </ol>
  );
}

function PixelCode({ path }: { path: string }) {
  const { data, error } = useLoad(() => api.text(path), [path]);
  if (error) return <ErrorNotice error={error} />;
  if (data === undefined) return <Loading what="the pixel code" />;
  return <CopyableCode code={data} label="The Shopify pixel code" />;
}
