// The traditional campaign creative: a studio photograph's look. A warm seamless backdrop, window
// light falling across it, the ring on a travertine plinth with its contact shadow, and the
// campaign's words set on the left. 1600×900, the 16:9 of the hero slot.
import { contactShadow, ring, ringDefs, scatter, shadowFilter } from './ring.js';

export const CREATIVE_WIDTH = 1600;
export const CREATIVE_HEIGHT = 900;

const SERIF = `'Iowan Old Style','Palatino Linotype',Palatino,Georgia,serif`;
const SANS = `system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif`;

export function studioCreative(): string {
  const id = 'st';
  const dots = scatter(11);
  const speckles: string[] = [];
  for (let i = 0; i < 140; i++) {
    const x = 850 + Math.round(dots() * 420);
    const y = 650 + Math.round(dots() * 250);
    speckles.push(`<circle cx="${x}" cy="${y}" r="${(0.8 + dots() * 2).toFixed(1)}" fill="#9c8568" opacity="${(0.1 + dots() * 0.25).toFixed(2)}"/>`);
  }
  const defs = `${ringDefs(id)}${shadowFilter(id, 12)}
    <linearGradient id="${id}-wall" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#efe4d6"/>
      <stop offset="1" stop-color="#e0cfbb"/>
    </linearGradient>
    <radialGradient id="${id}-key" cx="0.66" cy="0.42" r="0.55">
      <stop offset="0" stop-color="#fffaf2" stop-opacity="0.95"/>
      <stop offset="0.6" stop-color="#fff6ea" stop-opacity="0.3"/>
      <stop offset="1" stop-color="#fff6ea" stop-opacity="0"/>
    </radialGradient>
    <linearGradient id="${id}-floor" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#e6d7c5"/>
      <stop offset="1" stop-color="#cdb79d"/>
    </linearGradient>
    <linearGradient id="${id}-plinth" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="#d9c9b4"/>
      <stop offset="0.35" stop-color="#f3ebe0"/>
      <stop offset="0.7" stop-color="#e2d4c1"/>
      <stop offset="1" stop-color="#bfa98d"/>
    </linearGradient>
    <linearGradient id="${id}-plinth-top" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#fbf6ef"/>
      <stop offset="1" stop-color="#e4d6c4"/>
    </linearGradient>
    <filter id="${id}-soft" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="30"/></filter>`;
  // Window light: two slanted panes of brightness across the wall, blurred as a diffuser would.
  const panes = [
    `<polygon points="1120,0 1330,0 1010,660 800,660" fill="#ffffff" opacity="0.22" filter="url(#${id}-soft)"/>`,
    `<polygon points="1390,0 1560,0 1250,660 1080,660" fill="#ffffff" opacity="0.16" filter="url(#${id}-soft)"/>`,
  ];
  const text = [
    `<text x="130" y="300" font-family="${SANS}" font-size="24" letter-spacing="9" fill="#7a6450">AURELIA ATELIER</text>`,
    `<text x="124" y="410" font-family="${SERIF}" font-size="104" fill="#2b2118">The Lumen</text>`,
    `<text x="124" y="515" font-family="${SERIF}" font-size="104" font-style="italic" fill="#2b2118">ring</text>`,
    `<text x="130" y="590" font-family="${SANS}" font-size="30" fill="#5b4a3c">18k recycled gold, one lab-grown diamond.</text>`,
    `<text x="130" y="636" font-family="${SANS}" font-size="30" fill="#5b4a3c">From €129.</text>`,
    `<rect x="130" y="690" width="236" height="68" rx="34" fill="#2b2118"/>`,
    `<text x="248" y="734" text-anchor="middle" font-family="${SANS}" font-size="26" letter-spacing="2" fill="#fbf6ef">DISCOVER</text>`,
  ];
  const body = [
    `<rect width="${CREATIVE_WIDTH}" height="${CREATIVE_HEIGHT}" fill="url(#${id}-wall)"/>`,
    `<rect width="${CREATIVE_WIDTH}" height="${CREATIVE_HEIGHT}" fill="url(#${id}-key)"/>`,
    ...panes,
    // The seamless backdrop curving into the floor.
    `<path d="M 0 660 C 500 640 1100 640 1600 660 L 1600 900 L 0 900 Z" fill="url(#${id}-floor)"/>`,
    contactShadow(id, 1110, 800, 300, 34, 0.35),
    `<path d="M 880 640 L 880 800 A 230 40 0 0 0 1340 800 L 1340 640 Z" fill="url(#${id}-plinth)"/>`,
    ...speckles,
    `<ellipse cx="1110" cy="640" rx="230" ry="40" fill="url(#${id}-plinth-top)"/>`,
    contactShadow(id, 1110, 637, 120, 10, 0.5),
    ring({ id, cx: 1110, cy: 445, rx: 170, ry: 182, width: 24, depth: { dx: 18, dy: -15 }, stone: 'top', stoneScale: 1.1 }),
    ...text,
  ].join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CREATIVE_WIDTH} ${CREATIVE_HEIGHT}" width="${CREATIVE_WIDTH}" height="${CREATIVE_HEIGHT}" role="img" aria-label="The Lumen ring on a stone plinth in soft studio light">
<title>The Lumen ring on a stone plinth in soft studio light</title>
<defs>${defs}</defs>
${body}
</svg>`;
}
