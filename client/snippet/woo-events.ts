// WooCommerce's AJAX add-to-cart says so with events on document.body: the classic jQuery
// `added_to_cart` (its fourth argument the button, as a jQuery object) and the Blocks' native
// `wc-blocks_added_to_cart` (no button: the one last clicked is used). jQuery's own events never
// reach addEventListener, so the classic one is heard through jQuery itself, when the page has it.
// The mini-cart block re-sends one as the other: the second of a pair within a second is the same add.

type Heard = (button?: Element) => void;

export function watchWooEvents(heard: Heard): void {
  let last = { kind: '', at: 0 };
  const once = (kind: string, button?: Element): void => {
    const now = Date.now();
    if (last.kind && last.kind != kind && now - last.at < 1000) return (last.kind = '') as never;
    last = { kind, at: now };
    heard(button);
  };
  const body = document.body;
  body.addEventListener('wc-blocks_added_to_cart', () => once('blocks'));
  (window as any).jQuery?.(body).on('added_to_cart', (_event: unknown, _fragments: unknown, _hash: unknown, button?: ArrayLike<Element>) =>
    once('jquery', button?.[0]),
  );
}
