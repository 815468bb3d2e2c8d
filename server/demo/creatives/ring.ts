// The Lumen ring drawn in SVG, shared by the product photos and both campaign creatives: a gold
// band given depth by stacking its rim from the far edge to the near one, and a small diamond.
// Every id is prefixed, since two drawings may share one document.

export interface RingOptions {
  /** Prefix for gradient and filter ids. */
  id: string;
  cx: number;
  cy: number;
  /** The near rim's radii (to the middle of the metal). */
  rx: number;
  ry: number;
  /** Thickness of the metal. */
  width: number;
  /** Where the far rim lies relative to the near one: the band's depth as the camera sees it. */
  depth: { dx: number; dy: number };
  /** Where the diamond sits on the near rim: at the top (standing ring) or the front (lying flat). */
  stone: 'top' | 'front';
  /** Scales the diamond (1 = proportional to the band). */
  stoneScale?: number;
}

const STEPS = 14;

export function ringDefs(id: string): string {
  return `
    <linearGradient id="${id}-gold" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#7a4d12"/>
      <stop offset="0.22" stop-color="#f3d27c"/>
      <stop offset="0.4" stop-color="#b98429"/>
      <stop offset="0.58" stop-color="#fff0b3"/>
      <stop offset="0.78" stop-color="#c8962f"/>
      <stop offset="1" stop-color="#6e4410"/>
    </linearGradient>
    <linearGradient id="${id}-gold-inner" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="#4a2d08"/>
      <stop offset="0.5" stop-color="#a8742a"/>
      <stop offset="1" stop-color="#4a2d08"/>
    </linearGradient>
    <linearGradient id="${id}-diamond" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#ffffff"/>
      <stop offset="0.35" stop-color="#dceefe"/>
      <stop offset="0.6" stop-color="#ffffff"/>
      <stop offset="1" stop-color="#9fb9d6"/>
    </linearGradient>
    <radialGradient id="${id}-sparkle">
      <stop offset="0" stop-color="#ffffff" stop-opacity="1"/>
      <stop offset="1" stop-color="#ffffff" stop-opacity="0"/>
    </radialGradient>`;
}

function mix(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export function ring(o: RingOptions): string {
  const parts: string[] = [];
  // Far rim first, near rim last: the band's depth is the stack of rims in between, darker
  // toward the back as the metal turns away from the light.
  for (let step = STEPS; step >= 1; step--) {
    const t = step / STEPS;
    const shade = Math.round(mix(200, 120, t));
    parts.push(
      `<ellipse cx="${round(o.cx + o.depth.dx * t)}" cy="${round(o.cy + o.depth.dy * t)}" rx="${o.rx}" ry="${o.ry}" fill="none" stroke="rgb(${shade},${Math.round(shade * 0.72)},${Math.round(shade * 0.3)})" stroke-width="${o.width}"/>`,
    );
  }
  parts.push(`<ellipse cx="${o.cx}" cy="${o.cy}" rx="${o.rx}" ry="${o.ry}" fill="none" stroke="url(#${o.id}-gold)" stroke-width="${o.width}"/>`);
  // The inside of the band, seen past the near rim's lower edge.
  parts.push(
    `<ellipse cx="${o.cx}" cy="${o.cy}" rx="${round(o.rx - o.width * 0.42)}" ry="${round(o.ry - o.width * 0.42)}" fill="none" stroke="url(#${o.id}-gold-inner)" stroke-width="${round(o.width * 0.16)}" opacity="0.55"/>`,
  );
  // A specular streak along the upper left of the rim: where the studio light hits it.
  const arc = `M ${round(o.cx - o.rx * 0.94)} ${round(o.cy - o.ry * 0.3)} A ${o.rx} ${o.ry} 0 0 1 ${round(o.cx - o.rx * 0.3)} ${round(o.cy - o.ry * 0.95)}`;
  parts.push(`<path d="${arc}" fill="none" stroke="#fffbe8" stroke-width="${round(o.width * 0.22)}" stroke-linecap="round" opacity="0.85"/>`);
  parts.push(stone(o));
  return `<g>${parts.join('')}</g>`;
}

function stone(o: RingOptions): string {
  const size = o.width * 2.1 * (o.stoneScale ?? 1);
  const x = o.cx;
  const y = o.stone === 'top' ? o.cy - o.ry - o.width * 0.35 : o.cy + o.ry - o.width * 0.1;
  const half = size / 2;
  const crown = size * 0.34;
  const table = size * 0.3;
  const pavilion = size * 0.5;
  // A round brilliant from the side: a bezel cup, the crown (a flat-topped trapezoid) and the
  // pavilion (a point), with the facet edges drawn in.
  const bezel = `<path d="M ${round(x - half * 0.86)} ${round(y)} L ${round(x + half * 0.86)} ${round(y)} L ${round(x + half * 0.5)} ${round(y + pavilion * 0.9)} L ${round(x - half * 0.5)} ${round(y + pavilion * 0.9)} Z" fill="url(#${o.id}-gold)"/>`;
  const crownPath = `M ${round(x - half)} ${round(y)} L ${round(x - table)} ${round(y - crown)} L ${round(x + table)} ${round(y - crown)} L ${round(x + half)} ${round(y)} Z`;
  const pavilionPath = `M ${round(x - half)} ${round(y)} L ${round(x + half)} ${round(y)} L ${round(x)} ${round(y + pavilion)} Z`;
  const facets = [
    `M ${round(x - table)} ${round(y - crown)} L ${round(x - half * 0.45)} ${round(y)} L ${round(x)} ${round(y - crown)} L ${round(x + half * 0.45)} ${round(y)} L ${round(x + table)} ${round(y - crown)}`,
    `M ${round(x - half * 0.45)} ${round(y)} L ${round(x)} ${round(y + pavilion)} L ${round(x + half * 0.45)} ${round(y)}`,
  ];
  const glint = size * 1.3;
  const star = `M ${round(x + half * 0.3)} ${round(y - crown - glint * 0.5)} L ${round(x + half * 0.38)} ${round(y - crown - glint * 0.08)} L ${round(x + half * 0.3 + glint * 0.42)} ${round(y - crown)} L ${round(x + half * 0.38)} ${round(y - crown + glint * 0.08)} L ${round(x + half * 0.3)} ${round(y - crown + glint * 0.5)} L ${round(x + half * 0.22)} ${round(y - crown + glint * 0.08)} L ${round(x + half * 0.3 - glint * 0.42)} ${round(y - crown)} L ${round(x + half * 0.22)} ${round(y - crown - glint * 0.08)} Z`;
  return [
    bezel,
    `<path d="${pavilionPath}" fill="#b9cde3"/>`,
    `<path d="${crownPath}" fill="url(#${o.id}-diamond)"/>`,
    ...facets.map((d) => `<path d="${d}" fill="none" stroke="#8aa4c2" stroke-width="${round(size * 0.025)}" stroke-linejoin="round" opacity="0.8"/>`),
    `<circle cx="${round(x + half * 0.3)}" cy="${round(y - crown)}" r="${round(glint * 0.3)}" fill="url(#${o.id}-sparkle)" opacity="0.9"/>`,
    `<path d="${star}" fill="#ffffff"/>`,
  ].join('');
}

/** A soft contact shadow under an object: a blurred ellipse (needs shadowFilter in defs). */
export function shadowFilter(id: string, blur: number): string {
  return `<filter id="${id}-shadow" x="-50%" y="-200%" width="200%" height="500%"><feGaussianBlur stdDeviation="${blur}"/></filter>`;
}

export function contactShadow(id: string, cx: number, cy: number, rx: number, ry: number, opacity: number): string {
  return `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="#2a1a08" opacity="${opacity}" filter="url(#${id}-shadow)"/>`;
}

/** A tiny deterministic generator, so scattered stars and speckles are the same on every start. */
export function scatter(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
