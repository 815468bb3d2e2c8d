// What a rendered creative reports (video watching aside: video.ts): viewable by the MRC rules
// (half of it in view, in a visible tab, for one second; two for a video) and clicks.
import type { Rendered } from './render.js';
import type { Report } from './types.js';

export function watchCreative({ frame, media }: Rendered, report: Report, onViewable: () => void): void {
  const isVideo = media instanceof HTMLVideoElement;
  let timer: any;
  const observer = new IntersectionObserver(
    (entries) => {
      clearTimeout(timer);
      if (entries[0]!.intersectionRatio >= 0.5) timer = setTimeout(check, isVideo ? 2000 : 1000);
    },
    { threshold: 0.5 },
  );
  // A hidden tab shows nothing: wait until it is seen again.
  const check = (): void => {
    if (document.hidden) return void (timer = setTimeout(check, 1000));
    observer.disconnect();
    report({ type: 'viewable' });
    onViewable();
  };
  observer.observe(frame);
  // Sent at once: a click usually navigates away.
  frame.onclick = () => report({ type: 'click' }, true);
}
