// The two steps every platform shares: the tag in every page's head, and a slot per experiment.
import type { ComponentChildren } from 'preact';
import type { Installation } from '../../types.js';
import { CopyableCode } from '../../ui/copy-button.js';

export function TagStep({ installation, where }: { installation: Installation; where: ComponentChildren }) {
  return (
    <>
      <h4>Add this tag to every page of the shop</h4>
      <p class="muted small">{where} It loads without holding the page up.</p>
      <CopyableCode code={installation.scriptTag} label="The script tag" />
    </>
  );
}

export function SlotStep({ installation, where }: { installation: Installation; where: ComponentChildren }) {
  return (
    <>
      <h4>Mark where each creative goes</h4>
      {installation.slots.length === 0 ? (
        <p class="muted small">Once an experiment exists, its slot’s markup appears here.</p>
      ) : (
        installation.slots.map((slot) => (
          <div key={slot.slot}>
            <p class="muted small">
              Slot <code>{slot.slot}</code>: {where} Put your usual creative inside as the fallback.
            </p>
            <CopyableCode code={slot.markup} label={`Markup of slot ${slot.slot}`} />
          </div>
        ))
      )}
    </>
  );
}
