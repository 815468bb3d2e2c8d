// Puts a variant's creative into its slot. The markup comes from the server
// (server/public/creative-html.ts); here it gets the slot's current shape, so swapping it in
// moves nothing on the page, and it goes in whole once the media can paint: never an empty
// frame, and if the media fails the shop's fallback simply stays.
import type { Variant } from './types.js';

export interface Rendered {
  frame: HTMLElement;
  media: HTMLImageElement | HTMLVideoElement;
}

export async function renderVariant(slot: HTMLElement, variant: Variant): Promise<Rendered> {
  const holder = document.createElement('div');
  // Parsed into a live (if detached) element, so the image starts loading at once.
  holder.innerHTML = variant.html;
  const root = holder.firstChild as HTMLElement;
  const frame = root.querySelector<HTMLElement>('[data-candor-frame]')!;
  const media = frame.firstChild as HTMLImageElement | HTMLVideoElement;
  const { width, height } = slot.getBoundingClientRect();
  const { width: mediaWidth, height: mediaHeight } = variant.media;
  // The slot's own proportions when it has a height (its fallback, or CSS), else the media's.
  root.style.aspectRatio = '' + (height ? width / height : mediaWidth && mediaHeight ? mediaWidth / mediaHeight : 16 / 9);
  if (media instanceof HTMLVideoElement) {
    // Set as a property too: some browsers ignore the attribute on parsed markup for autoplay.
    media.muted = true;
    await new Promise((resolve, reject) => {
      media.onloadeddata = resolve;
      media.onerror = reject;
    });
  } else {
    await media.decode();
  }
  slot.replaceChildren(root);
  // It loaded outside the document, where autoplay does not start it: start it now (a muted
  // video may play without a gesture; where a browser says no, the poster stays).
  if (media instanceof HTMLVideoElement) media.play().catch(() => {});
  return { frame, media };
}
