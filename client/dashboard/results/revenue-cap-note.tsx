// The revenue cap as the results state it, beside the revenue figures: revenue per visitor is
// capped (winsorized) at a value fixed before the start, so one huge order cannot decide the test.
import { findMetric } from '../../../server/metrics/registry.js';
import type { ResultsDocument } from '../types.js';

/** Whether the document shows any money figure, so a word about the cap belongs beside it. */
export function showsRevenue(doc: Pick<ResultsDocument, 'metrics'>): boolean {
  return doc.metrics.some((metric) => findMetric(metric.metric)?.format === 'money');
}

export function RevenueCapNote({ doc }: { doc: ResultsDocument }) {
  const cap = doc.revenueCap;
  if (cap) {
    return (
      <p class="callout small" data-testid="revenue-cap">
        <strong>Capped revenue.</strong> {cap.statement}
        {' '}The uncapped revenue stays in the table.
      </p>
    );
  }
  if (!showsRevenue(doc)) return null;
  return (
    <p class="muted small" data-testid="revenue-uncapped">
      Revenue is not capped in this test: a single very large order counts in full.
    </p>
  );
}
