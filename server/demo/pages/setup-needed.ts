// What /demo shows before the demo site exists: how to create it, in the three ways there are.
import { html } from '../html.js';
import { page } from './layout.js';

export function setupNeededPage(): string {
  const body = html`<section class="panel" aria-labelledby="setup-title">
  <h1 id="setup-title">The demo shop is not set up yet</h1>
  <p>This page shows a small jewellery shop running a Candor experiment in its campaign slot. Its demo site does not exist in this database yet. Any one of these creates it:</p>
  <ul class="stack">
    <li>Start the server with the demo: <code>npm start -- --demo</code> (or set <code>CANDOR_DEMO=1</code>).</li>
    <li>Load the demo with simulated visitors: <code>npm run demo</code>.</li>
    <li>In the dashboard, choose <strong>Load the demo</strong>.</li>
  </ul>
  <p>Then reload this page.</p>
</section>`;
  return page({ title: 'Demo not set up', siteKey: null, body });
}
