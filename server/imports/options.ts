// The options of an import, one zod schema for the command line (`--metric retention_1=clicked`)
// and the route (`?metric=retention_1=clicked`): which columns hold the visitor, the arm, the
// metrics, the day and the segments, which arm is the control, which rows to keep, what each arm's creative was.
import { z } from 'zod';
import { text } from '../experiments/site-input.js';
import { AI_LABEL_STYLES, DISCLOSURE_STYLES, LIMITS, ORIGINS, type DisclosureStyle, type Origin } from '../experiments/vocabulary.js';
import { METRIC_NAMES, METRIC_REGISTRY, type MetricName } from '../metrics/registry.js';
import { REVENUE_CAP_LIMITS } from '../experiments/plan-settings.js';
import { IMPORT_LIMITS } from './import-error.js';

export interface MetricMapping {
  column: string;
  metric: MetricName;
  /** Shown instead of the metric's own name in the results; the column's name by default. */
  label: string;
}

export interface ArmFilter {
  column: string;
  arm: string;
  value: string;
}

const column = z.string().trim().min(1, 'must name a column').max(IMPORT_LIMITS.columnName);
const armValue = z.string().trim().min(1, 'must name an arm').max(IMPORT_LIMITS.armValue);
const slug = z
  .string()
  .max(LIMITS.key)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, "-" or "_", starting with a letter or digit');

/** A repeated option: one string or several. */
const repeated = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(item).max(max));

/** Splits "left<sep>right" at the first (or last) separator; null when either side is empty. */
function split(value: string, separator: string, last = false): [string, string] | null {
  const at = last ? value.lastIndexOf(separator) : value.indexOf(separator);
  if (at < 0) return null;
  const [left, right] = [value.slice(0, at).trim(), value.slice(at + separator.length).trim()];
  return left && right ? [left, right] : null;
}

function spec<T>(format: string, parse: (value: string) => T | string) {
  return z
    .string()
    .max(IMPORT_LIMITS.columnName * 2 + LIMITS.name)
    .transform((value, ctx) => {
      const parsed = parse(value.trim());
      if (typeof parsed !== 'string') return parsed;
      ctx.addIssue({ code: 'custom', message: `"${value}" is not ${format}: ${parsed}` });
      return z.NEVER;
    });
}

const metricSpec = spec<MetricMapping>('COLUMN=METRIC[:LABEL]', (value) => {
  const parts = split(value, '=');
  if (!parts) return 'give a column, "=", and a metric';
  const [columnName, rest] = parts;
  const [metric, label] = rest.includes(':') ? (split(rest, ':') ?? [rest, '']) : [rest, columnName];
  if (!(METRIC_NAMES as readonly string[]).includes(metric)) return `the metric must be one of ${METRIC_NAMES.join(', ')}`;
  if (!label || label.length > LIMITS.name) return `the label must be 1–${LIMITS.name} characters`;
  return { column: columnName, metric: metric as MetricName, label };
});

const filterSpec = spec<ArmFilter>('COLUMN:ARM=VALUE', (value) => {
  const parts = split(value, ':');
  const rest = parts && split(parts[1], '=');
  if (!parts || !rest) return 'give a column, ":", an arm, "=", and the value rows of that arm must have';
  return { column: parts[0], arm: rest[0], value: rest[1] };
});

const armSetting = <T extends string>(choices: readonly T[]) =>
  spec<{ arm: string; value: T }>(`ARM=${choices.join('|')}`, (value) => {
    const parts = split(value, '=', true);
    if (!parts) return 'give an arm, "=", and a value';
    if (!(choices as readonly string[]).includes(parts[1])) return `the value must be one of ${choices.join(', ')}`;
    return { arm: parts[0], value: parts[1] as T };
  });

export const importOptionsInput = z
  .strictObject({
    site: z.string().trim().min(1).max(LIMITS.key),
    key: slug,
    name: text(LIMITS.name).optional(),
    visitor: column.optional(),
    arm: column,
    control: armValue,
    metric: repeated(metricSpec, IMPORT_LIMITS.metrics).refine((list) => list.length > 0, 'give at least one metric column, as COLUMN=METRIC[:LABEL]'),
    'arm-filter': repeated(filterSpec, IMPORT_LIMITS.armOptions).default([]),
    origin: repeated(armSetting(ORIGINS), IMPORT_LIMITS.armOptions).default([]),
    disclosure: repeated(armSetting(DISCLOSURE_STYLES), IMPORT_LIMITS.armOptions).default([]),
    day: column.optional(),
    // A value cap (imported tests have no first days to take a percentile of), so the results show capped revenue too.
    'revenue-cap': z.coerce.number().gt(0, 'must be an amount above 0').max(REVENUE_CAP_LIMITS.maxValue).optional(),
    segment: repeated(column, IMPORT_LIMITS.segmentColumns + 1)
      .refine((list) => list.length <= IMPORT_LIMITS.segmentColumns, `give at most ${IMPORT_LIMITS.segmentColumns} segment columns`)
      .default([]),
  })
  .superRefine((input, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const seen = new Map<MetricName, number>();
    input.metric.forEach((mapping, index) => {
      if (mapping.metric === 'revenue_capped') {
        problem(['metric', index], 'revenue_capped is revenue under a cap: map the column to revenue and give the cap with --revenue-cap');
      }
      if (seen.has(mapping.metric)) problem(['metric', index], `${mapping.metric} is mapped twice`);
      seen.set(mapping.metric, index);
      if ([input.visitor, input.arm, input.day].includes(mapping.column)) {
        problem(['metric', index], `column "${mapping.column}" is already the visitor, arm or day column`);
      }
    });
    // Two metrics stored in one fact field (clicked and clicks both in the click count: a visitor
    // clicked when it is above 0) would overwrite each other.
    const mapped = [...seen.keys()];
    mapped.forEach((later, at) => {
      const earlier = mapped.slice(0, at).find((metric) => sharedField(metric, later) !== undefined);
      if (earlier) problem(['metric', seen.get(later)!], `${earlier} and ${later} share one stored ${sharedField(earlier, later)} field: map only one`);
    });
    if (input['revenue-cap'] !== undefined && !seen.has('revenue') && !seen.has('revenue_per_buyer')) {
      problem(['revenue-cap'], 'a revenue cap needs a column mapped to revenue (or revenue_per_buyer)');
    }
    const taken = [input.visitor, input.arm, input.day, ...input.metric.map((mapping) => mapping.column)];
    input.segment.forEach((name, index) => {
      if (taken.includes(name)) problem(['segment', index], `column "${name}" is already the visitor, arm, day or a metric column`);
      if (input.segment.indexOf(name) !== index) problem(['segment', index], `column "${name}" is given twice`);
    });
    for (const field of ['origin', 'disclosure'] as const) {
      const arms = input[field].map((setting) => setting.arm);
      arms.forEach((arm, index) => {
        if (arms.indexOf(arm) !== index) problem([field, index], `arm "${arm}" is given twice`);
      });
    }
    input.disclosure.forEach((setting, index) => {
      const origin = input.origin.find((candidate) => candidate.arm === setting.arm)?.value ?? 'traditional';
      if (origin === 'traditional' && AI_LABEL_STYLES.includes(setting.value)) {
        problem(['disclosure', index], `arm "${setting.arm}" is traditional (give --origin ${setting.arm}=ai or hybrid), and a traditional creative may never carry an AI label`);
      }
    });
  })
  .transform((input) => ({
    siteId: input.site,
    key: input.key,
    name: input.name,
    /** null: each row is a visitor of its own (a file with no id column, such as Hillstrom's). */
    visitorColumn: input.visitor ?? null,
    armColumn: input.arm,
    control: input.control,
    metrics: input.metric,
    filters: input['arm-filter'],
    origins: new Map<string, Origin>(input.origin.map((setting) => [setting.arm, setting.value])),
    disclosures: new Map<string, DisclosureStyle>(input.disclosure.map((setting) => [setting.arm, setting.value])),
    dayColumn: input.day ?? null,
    /** Every visitor's revenue is also counted up to this in revenue_capped; null: no cap. */
    revenueCap: input['revenue-cap'] ?? null,
    /** Columns whose values make each visitor's segment cell, one dimension each. */
    segmentColumns: input.segment,
  }));

export type ImportOptions = z.output<typeof importOptionsInput>;

/** The option names, each with whether it may be repeated: for the command line's parser and the route's query. */
export const IMPORT_OPTION_NAMES = {
  site: false,
  key: false,
  name: false,
  visitor: false,
  arm: false,
  control: false,
  metric: true,
  'arm-filter': true,
  origin: true,
  disclosure: true,
  day: false,
  'revenue-cap': false,
  segment: true,
} as const;

/** A fact field both metrics read (and an import of either would write), if any. */
function sharedField(a: MetricName, b: MetricName): string | undefined {
  const fields: readonly string[] = METRIC_REGISTRY[b].reads;
  return METRIC_REGISTRY[a].reads.find((field) => fields.includes(field));
}
