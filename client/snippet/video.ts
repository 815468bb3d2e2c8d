// Video watching: the start, then the 25/50/75/100% marks, each once per page view. Part of the
// extras (extras.ts): loaded only for a video variant.
import type { Report } from './types.js';

export function watchVideo(media: HTMLVideoElement, report: Report): void {
  let started = false;
  let next = 1;
  // timeupdate comes about four times a second; ended makes sure the last mark is not missed.
  const update = (): void => {
    if (!media.currentTime && !media.ended) return;
    if (!started) report({ type: 'video_start' });
    started = true;
    const percent = media.ended ? 100 : (media.currentTime / media.duration) * 100;
    while (next < 5 && percent >= next * 25) report({ type: 'video_progress', value: 25 * next++ });
  };
  media.ontimeupdate = media.onended = update;
  // The extras may arrive after the video began, or even ended: catch up at once.
  update();
}
