// Loads /c-extras.js (extras.ts) once, from wherever /c.js came from.
import type { Extras } from './types.js';

let loading: Promise<Extras> | undefined;

export function loadExtras(base: string): Promise<Extras> {
  return (loading ||= new Promise((resolve, reject) => {
    const tag = document.createElement('script');
    tag.src = base + '/c-extras.js';
    tag.onload = () => resolve((window as unknown as { candorExtras: Extras }).candorExtras);
    tag.onerror = reject;
    document.head.append(tag);
  }));
}
