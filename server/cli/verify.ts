// `verify`: recomputes every per-visitor fact, daily sum and segment sum from the raw events (an imported
// experiment's sums from its facts) and reports any difference from the stored ones. Fails
// (exit 1) when there is one.
import { verifyConsistency, type VerifyReport } from '../collect/verify.js';
import { CommandError, type CommandContext } from './command.js';

const SHOWN = 10;

export async function verifyCommand({ db, out }: CommandContext): Promise<void> {
  const report = await verifyConsistency(db);
  out(
    `Checked ${report.visitors} visitors, ${report.facts} stored facts, ${report.sumRows} daily sum rows and ${report.segmentSumRows} segment sum rows against the raw events.`,
  );
  if (report.importedFacts > 0) {
    out(`Of those facts, ${report.importedFacts} belong to imported experiments, which have no raw events: their sums were checked against them.`);
  }
  const sumDifferences = report.sumDifferences.length + report.segmentSumDifferences.length;
  if (report.factDifferences.length === 0 && sumDifferences === 0) {
    out('Everything matches.');
    return;
  }
  describe(report, out);
  throw new CommandError(
    `Found ${report.factDifferences.length} fact and ${sumDifferences} sum differences. Results read from the sums would be wrong: please report this.`,
  );
}

function describe(report: VerifyReport, out: (line: string) => void): void {
  for (const difference of report.factDifferences.slice(0, SHOWN)) {
    out(`fact ${difference.experimentId} / ${difference.visitorId}:`);
    out(`  stored   ${JSON.stringify(difference.stored)}`);
    out(`  expected ${JSON.stringify(difference.expected)}`);
  }
  for (const difference of report.sumDifferences.slice(0, SHOWN)) {
    out(`sum ${difference.experimentId} / ${difference.variantId} / day ${difference.day} / ${difference.metric}:`);
    out(`  stored   ${JSON.stringify(difference.stored)}`);
    out(`  expected ${JSON.stringify(difference.expected)}`);
  }
  for (const difference of report.segmentSumDifferences.slice(0, SHOWN)) {
    out(`segment sum ${difference.experimentId} / ${difference.variantId} / ${difference.segment || '(no cell)'} / ${difference.metric}:`);
    out(`  stored   ${JSON.stringify(difference.stored)}`);
    out(`  expected ${JSON.stringify(difference.expected)}`);
  }
}
