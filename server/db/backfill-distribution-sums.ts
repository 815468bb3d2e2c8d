// A data migration: the distribution counts (collect/distribution-sums.ts) that the event writer
// now keeps in variant_daily_sums, written from visitor_facts for a database whose sums predate
// them. Each count is a row with n = Σx = Σx² = its visitors and no y, as addFactChange makes it.
// Same SQL on SQLite and PostgreSQL, in one transaction with the other steps; run again, it
// deletes its own rows first and writes the same ones. tests/results/backfill.test.ts checks it
// against the writer, rule by rule.

export const DISTRIBUTION_BACKFILL_DESCRIPTION =
  'distribution counts in the daily sums (mean trust rounded 1–5, furthest video mark, started without the flag), backfilled from the visitor facts';

const insert = (select: string) => `INSERT INTO variant_daily_sums (experiment_id, variant_id, day, metric, n, sum_x, sum_x2, sum_y, sum_y2, sum_xy)
  SELECT experiment_id, variant_id, exposure_day, metric, COUNT(*), COUNT(*), COUNT(*), 0, 0, 0
  FROM (${select}) AS counted
  WHERE metric IS NOT NULL
  GROUP BY experiment_id, variant_id, exposure_day, metric`;

export const DISTRIBUTION_BACKFILL: readonly string[] = [
  `DELETE FROM variant_daily_sums WHERE metric LIKE 'dist:%'`,
  // Mean trust rounded half up, k − ½ ≤ sum / answers < k + ½, compared without a division so
  // that 3.5 is 4 in doubles on both databases (trustScore); off the 1–5 scale, in no bar.
  insert(`SELECT experiment_id, variant_id, exposure_day,
      CASE
        WHEN 2 * trust_sum < trust_answers THEN NULL
        WHEN 2 * trust_sum < 3 * trust_answers THEN 'dist:trust_1'
        WHEN 2 * trust_sum < 5 * trust_answers THEN 'dist:trust_2'
        WHEN 2 * trust_sum < 7 * trust_answers THEN 'dist:trust_3'
        WHEN 2 * trust_sum < 9 * trust_answers THEN 'dist:trust_4'
        WHEN 2 * trust_sum < 11 * trust_answers THEN 'dist:trust_5'
      END AS metric
    FROM visitor_facts WHERE trust_answers > 0`),
  // The furthest mark reached; finishing reaches every mark (furthestMark).
  insert(`SELECT experiment_id, variant_id, exposure_day,
      CASE
        WHEN video_completed = 1 OR watch_pct >= 100 THEN 'dist:furthest_100'
        WHEN watch_pct >= 75 THEN 'dist:furthest_75'
        WHEN watch_pct >= 50 THEN 'dist:furthest_50'
        WHEN watch_pct >= 25 THEN 'dist:furthest_25'
      END AS metric
    FROM visitor_facts WHERE video_completed = 1 OR watch_pct >= 25`),
  // Started by a share watched or by finishing, without the started flag (startedImplied).
  insert(`SELECT experiment_id, variant_id, exposure_day, 'dist:started_implied' AS metric
    FROM visitor_facts WHERE video_started <> 1 AND (watch_pct > 0 OR video_completed = 1)`),
];
