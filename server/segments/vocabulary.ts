// The segments the snippet records at exposure: three coarse dimensions with closed level sets,
// nothing personal. The snippet classifies device and source in the browser (the referrer never
// leaves it); visit is read from the visitor id's own time (visit.ts).

export const DEVICES = ['mobile', 'tablet', 'desktop'] as const;
export const VISITS = ['new', 'returning'] as const;
export const SOURCES = ['direct', 'search', 'social', 'email', 'paid', 'referral'] as const;

export type Device = (typeof DEVICES)[number];
export type Visit = (typeof VISITS)[number];
export type Source = (typeof SOURCES)[number];

/** Each recorded dimension with its levels, in the order people read them. */
export const SEGMENT_DIMENSIONS = {
  device: DEVICES,
  visit: VISITS,
  source: SOURCES,
} as const satisfies Record<string, readonly string[]>;

export type SegmentDimension = keyof typeof SEGMENT_DIMENSIONS;

/** What people read for each dimension (an imported column keeps its own name). */
export const SEGMENT_LABELS: Record<SegmentDimension, string> = {
  device: 'Device',
  visit: 'New or returning',
  source: 'Traffic source',
};

/** The dimensions the snippet classifies and sends as exposure props. */
export const EXPOSURE_PROP_DIMENSIONS = ['device', 'source'] as const satisfies readonly SegmentDimension[];

export function isLevelOf(dimension: SegmentDimension, level: unknown): boolean {
  return typeof level === 'string' && (SEGMENT_DIMENSIONS[dimension] as readonly string[]).includes(level);
}
