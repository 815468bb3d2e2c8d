// The product photos of the shop page: the ring standing on a seamless pale backdrop (the main
// photo) and lying flat on travertine (the second view). Square, as shop galleries crop them.
import { contactShadow, ring, ringDefs, scatter, shadowFilter } from './ring.js';

const SIZE = 1200;

function frame(title: string, defs: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}" role="img" aria-label="${title}">
<title>${title}</title>
<defs>${defs}</defs>
${body}
</svg>`;
}

export function standingPackshot(): string {
  const id = 'pk';
  const defs = `${ringDefs(id)}${shadowFilter(id, 14)}
    <radialGradient id="${id}-backdrop" cx="0.5" cy="0.42" r="0.75">
      <stop offset="0" stop-color="#fdfbf8"/>
      <stop offset="0.7" stop-color="#f1ece5"/>
      <stop offset="1" stop-color="#e4ddd3"/>
    </radialGradient>
    <linearGradient id="${id}-floor" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#f3eee8" stop-opacity="0"/>
      <stop offset="1" stop-color="#e6dfd5"/>
    </linearGradient>`;
  const body = [
    `<rect width="${SIZE}" height="${SIZE}" fill="url(#${id}-backdrop)"/>`,
    `<rect y="760" width="${SIZE}" height="440" fill="url(#${id}-floor)"/>`,
    contactShadow(id, 600, 905, 250, 26, 0.32),
    contactShadow(id, 600, 902, 130, 10, 0.45),
    ring({ id, cx: 600, cy: 610, rx: 250, ry: 266, width: 34, depth: { dx: 12, dy: -16 }, stone: 'top', stoneScale: 1.15 }),
  ].join('\n');
  return frame('The Lumen ring, standing, on a pale backdrop', defs, body);
}

export function flatPackshot(): string {
  const id = 'pf';
  const dots = scatter(7);
  const speckles: string[] = [];
  for (let i = 0; i < 260; i++) {
    const x = Math.round(dots() * SIZE);
    const y = Math.round(dots() * SIZE);
    const r = (0.6 + dots() * 2.4).toFixed(1);
    speckles.push(`<circle cx="${x}" cy="${y}" r="${r}" fill="#a8927a" opacity="${(0.08 + dots() * 0.22).toFixed(2)}"/>`);
  }
  const veins = [0, 1, 2, 3].map((i) => {
    const y = 120 + i * 290 + Math.round(dots() * 80);
    return `<path d="M -20 ${y} C 300 ${y - 60} 700 ${y + 90} 1220 ${y + 10}" fill="none" stroke="#d7c8b4" stroke-width="${6 + i * 2}" opacity="0.45"/>`;
  });
  const defs = `${ringDefs(id)}${shadowFilter(id, 16)}
    <linearGradient id="${id}-stone" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#f4ece1"/>
      <stop offset="1" stop-color="#e3d5c3"/>
    </linearGradient>
    <radialGradient id="${id}-light" cx="0.35" cy="0.3" r="0.8">
      <stop offset="0" stop-color="#ffffff" stop-opacity="0.55"/>
      <stop offset="1" stop-color="#ffffff" stop-opacity="0"/>
    </radialGradient>`;
  const body = [
    `<rect width="${SIZE}" height="${SIZE}" fill="url(#${id}-stone)"/>`,
    ...veins,
    ...speckles,
    `<rect width="${SIZE}" height="${SIZE}" fill="url(#${id}-light)"/>`,
    // The band's shadow is a ring too: the stone shows through the middle.
    `<ellipse cx="618" cy="652" rx="305" ry="126" fill="none" stroke="#2a1a08" stroke-width="40" opacity="0.22" filter="url(#${id}-shadow)"/>`,
    ring({ id, cx: 600, cy: 600, rx: 300, ry: 120, width: 30, depth: { dx: 0, dy: 34 }, stone: 'front', stoneScale: 1.2 }),
  ].join('\n');
  return frame('The Lumen ring lying flat on travertine', defs, body);
}
