// The demo shop's stylesheet, inlined in every page (one request fewer, and no build step).
// System fonts only: the page must work offline and fetch nothing from elsewhere.
export const STYLES = `
:root {
  --ink: #231a12; --muted: #6b5a4a; --line: #e6ddd2; --paper: #fbf8f4; --card: #ffffff;
  --accent: #8a5a19; --accent-ink: #fffaf2; --focus: #1d5fd1;
  --serif: 'Iowan Old Style', 'Palatino Linotype', Palatino, Georgia, serif;
  --sans: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 16px/1.55 var(--sans); color: var(--ink); background: var(--paper); }
img { max-width: 100%; height: auto; display: block; }
a { color: inherit; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: var(--ink); color: #fff; padding: 8px 12px; z-index: 10; }
.skip:focus { left: 8px; top: 8px; }
.wrap { width: min(1200px, 100% - 32px); margin-inline: auto; }
.notice { background: var(--ink); color: var(--accent-ink); text-align: center; font-size: 13px; letter-spacing: .04em; padding: 8px 16px; margin: 0; }
.masthead { border-bottom: 1px solid var(--line); background: var(--card); }
.masthead .wrap { display: flex; align-items: center; justify-content: space-between; gap: 16px; min-height: 64px; flex-wrap: wrap; }
.brand { font: 600 20px/1 var(--serif); letter-spacing: .18em; text-transform: uppercase; text-decoration: none; }
.menu { display: flex; gap: 20px; list-style: none; margin: 0; padding: 0; font-size: 15px; }
.menu a { text-decoration: none; color: var(--muted); }
.menu a:hover, .menu a[aria-current] { color: var(--ink); text-decoration: underline; text-underline-offset: 4px; }
.bag { text-decoration: none; font-size: 15px; }
@media (max-width: 640px) {
  .masthead nav { order: 3; width: 100%; }
  .menu { justify-content: space-between; padding-bottom: 10px; gap: 8px; font-size: 14px; }
}
main { padding-block: 24px 56px; }
.crumbs { font-size: 14px; color: var(--muted); margin: 0 0 16px; }
.crumbs ol { list-style: none; display: flex; flex-wrap: wrap; gap: 6px; margin: 0; padding: 0; }
.crumbs li + li::before { content: '/'; margin-right: 6px; color: var(--line); }
.campaign { margin: 0 0 40px; }
.slot { aspect-ratio: 16 / 9; width: 100%; overflow: hidden; border-radius: 6px; background: #efe4d6; }
.slot > a { display: block; width: 100%; height: 100%; }
.slot > a > img { width: 100%; height: 100%; object-fit: cover; }
.product { display: grid; gap: 32px; grid-template-columns: 1fr; scroll-margin-top: 16px; }
@media (min-width: 900px) { .product { grid-template-columns: 7fr 5fr; gap: 56px; align-items: start; } }
.gallery { display: grid; gap: 12px; }
.gallery img { border-radius: 6px; background: #f1ece5; width: 100%; }
/* Small screens swipe through the photos, so the name and price stay near the top. */
@media (max-width: 899px) { .gallery { grid-auto-flow: column; grid-auto-columns: 86%; overflow-x: auto; scroll-snap-type: x mandatory; } .gallery img { scroll-snap-align: start; } }
@media (min-width: 900px) { .details { position: sticky; top: 16px; } }
.details h1 { font: 400 clamp(32px, 5vw, 44px)/1.1 var(--serif); margin: 0 0 8px; }
.material { color: var(--muted); margin: 0 0 16px; }
.price { font-size: 24px; margin: 0; }
.tax { color: var(--muted); font-size: 14px; margin: 0 0 20px; }
.summary { margin: 0 0 24px; max-width: 60ch; }
.buy { display: grid; gap: 16px; padding: 20px 0; border-block: 1px solid var(--line); }
.field { display: grid; gap: 6px; }
.field label { font-size: 14px; font-weight: 600; }
.field select, .field input { font: inherit; padding: 10px 12px; border: 1px solid #bfb2a3; border-radius: 4px; background: var(--card); color: var(--ink); min-height: 44px; }
.row { display: grid; grid-template-columns: 1fr 110px; gap: 12px; }
.button { display: inline-flex; justify-content: center; align-items: center; min-height: 48px; padding: 12px 24px; border: 0; border-radius: 999px; background: var(--ink); color: var(--accent-ink); font: 600 16px/1 var(--sans); letter-spacing: .04em; text-decoration: none; cursor: pointer; width: 100%; }
.button:hover { background: var(--accent); }
.button.quiet { background: transparent; color: var(--ink); border: 1px solid var(--ink); }
.perks { list-style: none; padding: 0; margin: 20px 0; display: grid; gap: 8px; font-size: 15px; }
.perks li::before { content: '✦'; color: var(--accent); margin-right: 10px; }
details { border-bottom: 1px solid var(--line); padding: 12px 0; }
summary { cursor: pointer; font-weight: 600; }
.panel { max-width: 640px; margin: 0 auto; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: clamp(20px, 4vw, 40px); }
.panel h1 { font: 400 clamp(28px, 4vw, 36px)/1.15 var(--serif); margin: 0 0 16px; }
.line { display: grid; grid-template-columns: 88px 1fr auto; gap: 16px; align-items: center; padding: 16px 0; border-bottom: 1px solid var(--line); }
.line img { border-radius: 4px; }
.line p { margin: 0; }
.totals { display: grid; grid-template-columns: 1fr auto; gap: 6px 16px; margin: 16px 0 24px; }
.totals dd { margin: 0; text-align: right; }
.totals .grand { font-weight: 700; font-size: 18px; }
.stack { display: grid; gap: 12px; }
.muted { color: var(--muted); font-size: 14px; }
.site-foot { border-top: 1px solid var(--line); background: var(--card); padding-block: 32px; font-size: 14px; color: var(--muted); }
.site-foot .wrap { display: grid; gap: 24px; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); }
.site-foot h2 { font-size: 14px; color: var(--ink); margin: 0 0 8px; letter-spacing: .08em; text-transform: uppercase; }
.site-foot ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 4px; }
code { background: #f1ece5; padding: 2px 6px; border-radius: 4px; font-size: 14px; }
`;
