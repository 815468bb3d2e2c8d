// Installing on WooCommerce: the tag by a small plugin snippet (or the theme's header), a slot in a
// Custom HTML block, add-to-carts recognised on their own, and the purchase from the thank-you page.
import type { Installation } from '../../types.js';
import { CopyableCode } from '../../ui/copy-button.js';
import { SlotStep } from './common-steps.js';

export function WooCommerceSteps({ installation }: { installation: Installation; reload?: () => void }) {
  return (
    <ol class="install-steps">
      <li>
        <h4>Add the tag and the purchase report</h4>
        <p class="muted small">
          Paste this into a code-snippets plugin (PHP, run everywhere) or your child theme’s <code>functions.php</code>. The first part puts the
          tag in every page’s head; the second reports each order once, from the thank-you page, with its total and number.
        </p>
        <CopyableCode code={wooCommercePhp(installation.scriptTag)} label="The WooCommerce snippet" />
      </li>
      <li>
        <SlotStep installation={installation} where={<>in the block editor, add a Custom HTML block where the creative goes and paste this.</>} />
      </li>
      <li>
        <h4>Add-to-cart</h4>
        <p class="muted small">
          Nothing to do: the product page’s form, the shop pages’ “Add to cart” buttons and the block themes’ buttons are recognised, each with its
          own product’s price.
        </p>
      </li>
    </ol>
  );
}

/** The PHP a merchant pastes: the tag in wp_head, and the purchase on woocommerce_thankyou. */
export function wooCommercePhp(scriptTag: string): string {
  return [
    "add_action('wp_head', function () {",
    "  echo '<script>window.candor=window.candor||function(){(candor.q=candor.q||[]).push(arguments)}</script>';",
    `  echo '${scriptTag.replaceAll("'", "\\'")}';`,
    '});',
    "add_action('woocommerce_thankyou', function ($order_id) {",
    '  $order = wc_get_order($order_id);',
    '  if (!$order) return;',
    "  printf('<script>candor(\"track\", \"purchase\", {value: %s, order: %s});</script>',",
    '    wp_json_encode((float) $order->get_total()), wp_json_encode((string) $order->get_order_number()));',
    '});',
  ].join('\n');
}
