// Colours: the Okabe–Ito palette, which stays distinct under the common colour-vision
// deficiencies. Colour never carries meaning alone: verdicts also have a word and a symbol.

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
} as const;

/** The control is a calm dark grey; treatments take the strongest contrasting hues first. */
const CONTROL = '#4A4A4A';
const TREATMENTS = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.green, OKABE_ITO.purple, OKABE_ITO.vermillion, OKABE_ITO.sky, OKABE_ITO.yellow];

/** Each arm's colour by its place among the arms, the same on every chart and in every table. */
export function armColours(variants: ReadonlyArray<{ key: string; control: boolean }>): Map<string, string> {
  const colours = new Map<string, string>();
  let next = 0;
  for (const variant of variants) {
    colours.set(variant.key, variant.control ? CONTROL : TREATMENTS[next++ % TREATMENTS.length]!);
  }
  return colours;
}

export const VERDICT_COLOURS = {
  better: OKABE_ITO.green,
  worse: OKABE_ITO.vermillion,
  inconclusive: '#6B6B6B',
  'no-data': '#9A9A9A',
} as const;

/** `#RRGGBB` with an alpha, for bands and interval bars. */
export function withAlpha(hex: string, alpha: number): string {
  const value = parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}
