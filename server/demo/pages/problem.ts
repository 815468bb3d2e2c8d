// A request the shop cannot make sense of (a size it does not sell, a tampered order link): a
// plain page that says so and leads back, instead of a JSON error in the middle of a shop.
import { html } from '../html.js';
import { page } from './layout.js';

export function problemPage(siteKey: string | null, title: string, message: string): string {
  const body = html`<section class="panel" aria-labelledby="problem-title">
  <h1 id="problem-title">${title}</h1>
  <p>${message}</p>
  <a class="button" href="/demo">Back to the shop</a>
</section>`;
  return page({ title, siteKey, body });
}
