// Installing on any other site: the tag, a slot, and the two conversion calls the shop makes itself.
import type { Installation } from '../../types.js';
import { CopyableCode } from '../../ui/copy-button.js';
import { SlotStep, TagStep } from './common-steps.js';

const CONVERSION_CALLS = [
  "candor('track', 'add_to_cart', { value: 129 });",
  "candor('track', 'purchase', { value: 258, order: 'AUR-1042' }); // counted once per order",
].join('\n');

export function AnySiteSteps({ installation }: { installation: Installation; reload?: () => void }) {
  return (
    <ol class="install-steps">
      <li>
        <TagStep installation={installation} where={<>Put it in the page’s &lt;head&gt;.</>} />
      </li>
      <li>
        <SlotStep installation={installation} where={<>put this where the creative goes.</>} />
      </li>
      <li>
        <h4>Report add-to-carts and purchases</h4>
        <p class="muted small">
          Forms posting to <code>/cart/add</code> are recognised on their own. Anywhere else, call these when they happen, with the amount in the
          site’s currency:
        </p>
        <CopyableCode code={CONVERSION_CALLS} label="The conversion calls" />
      </li>
    </ol>
  );
}
