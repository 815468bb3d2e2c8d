// A data migration: the first-conversion days (collect/facts.ts) of facts folded before schema
// version 7, computed from the raw events as the writer would (the earliest click on the
// experiment, the earliest add-to-cart or purchase received before the stop, each at or after the
// first exposure; whole days of 24 hours), and their since:* rows in the daily sums. Without it
// `verify`, which rebuilds every fact from the raw events, would find every older converting fact
// different. Imported experiments have no events: their facts keep none. Same SQL on SQLite and
// PostgreSQL; run again, it writes the same values and deletes its own rows before writing them.

// The writer's own figures (collect/since-sums.ts SINCE_DAYS, collect/vocabulary.ts DAY_MS), repeated
// rather than imported (db/ does not import collect/, which imports db/); the test checks they agree.
export const BACKFILL_SINCE_DAYS = 14;
export const BACKFILL_DAY_MS = 86_400_000;

/** The earliest qualifying event of a type, in whole days after the fact's first exposure (integer division: never negative). */
const firstDay = (type: string, condition: string) => `(
    SELECT (MIN(e.ts) - visitor_facts.first_exposure_at) / ${BACKFILL_DAY_MS}
    FROM events e
    WHERE e.visitor_id = visitor_facts.visitor_id AND e.site_id = visitor_facts.site_id AND e.type = '${type}'
      AND e.ts >= visitor_facts.first_exposure_at AND ${condition}
  )`;

/** Conversions received after the stop do not count (facts.ts countsFor). */
const beforeStop = `NOT EXISTS (SELECT 1 FROM experiments x WHERE x.id = visitor_facts.experiment_id AND x.stopped_at IS NOT NULL AND e.received_at > x.stopped_at)`;

const sinceRows = (conversion: string, column: string) => `INSERT INTO variant_daily_sums (experiment_id, variant_id, day, metric, n, sum_x, sum_x2, sum_y, sum_y2, sum_xy)
  SELECT experiment_id, variant_id, exposure_day, 'since:${conversion}:' || CAST(${column} AS TEXT), COUNT(*), COUNT(*), COUNT(*), 0, 0, 0
  FROM visitor_facts
  WHERE ${column} IS NOT NULL AND ${column} >= 0 AND ${column} < ${BACKFILL_SINCE_DAYS}
  GROUP BY experiment_id, variant_id, exposure_day, ${column}`;

export const FIRST_CONVERSION_DAYS_BACKFILL: readonly string[] = [
  `UPDATE visitor_facts SET
    clicked_day = ${firstDay('click', 'e.experiment_id = visitor_facts.experiment_id')},
    carted_day = ${firstDay('add_to_cart', beforeStop)},
    purchased_day = ${firstDay('purchase', beforeStop)}
  WHERE experiment_id IN (SELECT id FROM experiments WHERE imported_at IS NULL)`,
  `DELETE FROM variant_daily_sums WHERE metric LIKE 'since:%'`,
  sinceRows('clicked', 'clicked_day'),
  sinceRows('added_to_cart', 'carted_day'),
  sinceRows('purchased', 'purchased_day'),
];
