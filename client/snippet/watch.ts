// What a rendered creative reports (video watching aside: video.ts): viewable by the MRC rules
// (half of it in view, in a visible tab, for one second; two for a video; a large creative, of
// 242,500 px² or more, at 30% in view) and clicks.
import type { Rendered } from './render.js';
import type { Report } from './types.js';

export function watchCreative({ frame, media }: Rendered, report: Report, onViewable: () => void): void {
  const isVideo = media instanceof HTMLVideoElement;
  let timer: any;
  // Its size as inserted, at the slot's width: what the visitor's screen shows of it.
  const { width, height } = frame.getBoundingClientRect();
  const observer = new IntersectionObserver(
    (entries) => {
      clearTimeout(timer);
      if (entries[0]!.intersectionRatio >= (width * height < 242500 ? 0.5 : 0.3)) timer = setTimeout(check, isVideo ? 2000 : 1000);
    },
    { threshold: [0.3, 0.5] },
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
