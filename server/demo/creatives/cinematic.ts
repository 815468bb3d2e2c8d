// The AI-generated campaign creative: the look image models are asked for. A dusk sky burning
// from violet to amber, a giant glowing ring standing in still water, a lone walker at its foot
// for a surreal scale, its reflection and stars. 1600×900, like the studio one.
import { CREATIVE_HEIGHT, CREATIVE_WIDTH } from './studio.js';
import { ring, ringDefs, scatter } from './ring.js';

const SANS = `system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif`;
const HORIZON = 610;

export function cinematicCreative(): string {
  const id = 'ci';
  const dots = scatter(23);
  const stars: string[] = [];
  for (let i = 0; i < 150; i++) {
    const x = Math.round(dots() * CREATIVE_WIDTH);
    const y = Math.round(dots() * dots() * 380);
    stars.push(`<circle cx="${x}" cy="${y}" r="${(0.6 + dots() * 1.6).toFixed(1)}" fill="#fff" opacity="${(0.25 + dots() * 0.7).toFixed(2)}"/>`);
  }
  const motes: string[] = [];
  for (let i = 0; i < 46; i++) {
    const angle = dots() * Math.PI * 2;
    const distance = 260 + dots() * 220;
    const x = Math.round(800 + Math.cos(angle) * distance * 1.3);
    const y = Math.round(380 + Math.sin(angle) * distance * 0.8);
    if (y > HORIZON - 10) continue;
    motes.push(`<circle cx="${x}" cy="${y}" r="${(1.5 + dots() * 3).toFixed(1)}" fill="#ffe7b0" opacity="${(0.35 + dots() * 0.6).toFixed(2)}" filter="url(#${id}-blur-s)"/>`);
  }
  const rays = [-62, -40, -22, -8, 8, 24, 41, 60].map((degrees, index) => {
    const spread = 3 + (index % 3);
    return `<polygon points="800,${HORIZON} ${pointAt(degrees - spread)} ${pointAt(degrees + spread)}" fill="#ffe3a8" opacity="${index % 2 ? 0.07 : 0.11}"/>`;
  });
  const ripples: string[] = [];
  for (let i = 0; i < 26; i++) {
    const y = HORIZON + 8 + i * i * 0.42 + i * 4;
    const half = 140 + i * 34 + dots() * 60;
    ripples.push(`<line x1="${Math.round(800 - half)}" y1="${y.toFixed(1)}" x2="${Math.round(800 + half)}" y2="${y.toFixed(1)}" stroke="#ffd9a0" stroke-width="${(1 + i * 0.12).toFixed(1)}" opacity="${(0.28 - i * 0.009).toFixed(2)}"/>`);
  }
  const giant = ring({ id, cx: 800, cy: 350, rx: 232, ry: 242, width: 36, depth: { dx: 26, dy: -16 }, stone: 'top', stoneScale: 1.25 });
  const defs = `${ringDefs(id)}
    <linearGradient id="${id}-sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#090726"/>
      <stop offset="0.3" stop-color="#2b1452"/>
      <stop offset="0.55" stop-color="#8c2d6b"/>
      <stop offset="0.78" stop-color="#e0684a"/>
      <stop offset="1" stop-color="#ffc97a"/>
    </linearGradient>
    <linearGradient id="${id}-water" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#f2a066"/>
      <stop offset="0.25" stop-color="#7d2d5c"/>
      <stop offset="1" stop-color="#0d0a26"/>
    </linearGradient>
    <radialGradient id="${id}-sun" cx="0.5" cy="0.5" r="0.5">
      <stop offset="0" stop-color="#fff8e1" stop-opacity="1"/>
      <stop offset="0.25" stop-color="#ffd890" stop-opacity="0.8"/>
      <stop offset="1" stop-color="#ff8a50" stop-opacity="0"/>
    </radialGradient>
    <linearGradient id="${id}-fade" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#000" stop-opacity="0"/>
      <stop offset="1" stop-color="#000" stop-opacity="0.55"/>
    </linearGradient>
    <filter id="${id}-glow" x="-40%" y="-40%" width="180%" height="180%">
      <feGaussianBlur in="SourceGraphic" stdDeviation="22" result="halo"/>
      <feColorMatrix in="halo" type="matrix" values="1 0 0 0 0.25  0 1 0 0 0.15  0 0 1 0 0  0 0 0 1.6 0" result="warm"/>
      <feMerge><feMergeNode in="warm"/><feMergeNode in="SourceGraphic"/></feMerge>
    </filter>
    <filter id="${id}-blur-s" x="-100%" y="-100%" width="300%" height="300%"><feGaussianBlur stdDeviation="1.6"/></filter>
    <filter id="${id}-blur-l" x="-30%" y="-100%" width="160%" height="300%"><feGaussianBlur stdDeviation="26"/></filter>
    <filter id="${id}-reflect" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="5 2"/></filter>
    <clipPath id="${id}-below"><rect x="0" y="${HORIZON}" width="${CREATIVE_WIDTH}" height="${CREATIVE_HEIGHT - HORIZON}"/></clipPath>`;
  const walker = `<path d="M 1012 ${HORIZON - 36} a 4 4 0 1 1 0.1 0 Z M 1008 ${HORIZON - 31} l 8 0 l 2 16 l -2 0 l -1 15 l -2 0 l -1 -12 l -1 12 l -2 0 l -1 -15 l -2 0 Z" fill="#1a0d24"/>`;
  const text = [
    `<text x="120" y="742" font-family="${SANS}" font-size="22" letter-spacing="10" fill="#ffe9c7" opacity="0.85">AURELIA ATELIER</text>`,
    `<text x="116" y="818" font-family="${SANS}" font-size="74" font-weight="200" letter-spacing="26" fill="#fff6e6">LUMEN</text>`,
    `<text x="1480" y="818" text-anchor="end" font-family="${SANS}" font-size="30" font-style="italic" fill="#ffe2b8" opacity="0.9">Light you can wear.</text>`,
  ];
  const body = [
    `<rect width="${CREATIVE_WIDTH}" height="${HORIZON}" fill="url(#${id}-sky)"/>`,
    ...stars,
    `<ellipse cx="800" cy="${HORIZON}" rx="620" ry="420" fill="url(#${id}-sun)"/>`,
    ...rays,
    `<ellipse cx="360" cy="250" rx="300" ry="26" fill="#ff9fb0" opacity="0.25" filter="url(#${id}-blur-l)"/>`,
    `<ellipse cx="1240" cy="300" rx="340" ry="30" fill="#ffb48a" opacity="0.3" filter="url(#${id}-blur-l)"/>`,
    `<ellipse cx="1020" cy="170" rx="260" ry="20" fill="#c77dff" opacity="0.22" filter="url(#${id}-blur-l)"/>`,
    `<rect y="${HORIZON}" width="${CREATIVE_WIDTH}" height="${CREATIVE_HEIGHT - HORIZON}" fill="url(#${id}-water)"/>`,
    // The reflection: the ring and walker mirrored in the horizon, blurred and dimmed by the water.
    `<g clip-path="url(#${id}-below)" opacity="0.42" filter="url(#${id}-reflect)"><g transform="translate(0 ${2 * HORIZON}) scale(1 -1)">${giant}${walker}</g></g>`,
    ...ripples,
    `<g filter="url(#${id}-glow)">${giant}</g>`,
    ...motes,
    walker,
    `<rect y="640" width="${CREATIVE_WIDTH}" height="${CREATIVE_HEIGHT - 640}" fill="url(#${id}-fade)"/>`,
    ...text,
  ].join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CREATIVE_WIDTH} ${CREATIVE_HEIGHT}" width="${CREATIVE_WIDTH}" height="${CREATIVE_HEIGHT}" role="img" aria-label="A giant glowing gold ring standing in still water at dusk, a lone walker at its foot">
<title>A giant glowing gold ring standing in still water at dusk</title>
<defs>${defs}</defs>
${body}
</svg>`;
}

function pointAt(degrees: number): string {
  const radians = ((degrees - 90) * Math.PI) / 180;
  return `${Math.round(800 + Math.cos(radians) * 1400)},${Math.round(HORIZON + Math.sin(radians) * 1400)}`;
}
