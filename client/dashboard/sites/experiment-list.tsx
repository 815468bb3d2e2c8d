// A site's experiments at a glance: status, visitors, days running, the primary metric's decision
// and the headline answer with any guardrail an arm clearly harms, read from each experiment's
// results (drafts have none yet).
import { api } from '../api.js';
import { count, days } from '../format.js';
import { Link, paths } from '../router.js';
import { DecisionChip } from '../results/decision-chip.js';
import { VerdictChip } from '../results/verdict-chip.js';
import type { Experiment, ResultsDocument } from '../types.js';
import { ErrorNotice, Loading, StatusPill } from '../ui/controls.js';
import { useLoad } from '../ui/use-load.js';

interface Row {
  experiment: Experiment;
  results: ResultsDocument | null;
}

async function loadRows(siteId: string): Promise<Row[]> {
  const experiments = await api.experiments(siteId);
  const shown = experiments.filter((experiment) => experiment.status !== 'archived').reverse();
  return Promise.all(
    shown.map(async (experiment) => ({
      experiment,
      results: experiment.status === 'draft' ? null : await api.results(experiment.id).catch(() => null),
    })),
  );
}

export function ExperimentList({ siteId }: { siteId: string }) {
  const { data: rows, error } = useLoad(() => loadRows(siteId), [siteId]);
  if (error) return <ErrorNotice error={error} />;
  if (!rows) return <Loading what="experiments" />;
  if (rows.length === 0) {
    return (
      <p class="empty">
        No experiments yet. <Link href={paths.newExperiment(siteId)}>Create the first one</Link>.
      </p>
    );
  }
  return (
    <div class="table-scroll">
      <table class="table experiments-table">
        <thead>
          <tr>
            <th scope="col">Experiment</th>
            <th scope="col">Status</th>
            <th scope="col" class="num">
              Visitors
            </th>
            <th scope="col" class="num">
              Running
            </th>
            <th scope="col">Headline result</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ experiment, results }) => {
            const summary = results?.summary;
            const alarms = results?.guardrailAlarms ?? [];
            return (
              <tr key={experiment.id}>
                <th scope="row">
                  <Link href={experiment.status === 'draft' ? paths.editor(experiment.id) : paths.results(experiment.id)}>{experiment.name}</Link>
                  <div class="muted small">
                    {experiment.variants.length} arms · slot {experiment.slot}
                  </div>
                </th>
                <td>
                  <StatusPill status={experiment.status} imported={experiment.importedAt !== null} />
                </td>
                <td class="num">{results ? count(results.health.progress.visitors) : '—'}</td>
                <td class="num">{results && experiment.importedAt === null ? days(results.health.progress.daysRunning) : '—'}</td>
                <td class="headline-cell">
                  {summary ? (
                    <>
                      {results && (
                        <div>
                          <DecisionChip doc={results} />
                        </div>
                      )}
                      <VerdictChip verdict={summary.verdict} short /> {summary.text}
                      {alarms.length > 0 && (
                        <ul class="warnings" aria-label="Guardrail alarms">
                          {alarms.map((alarm) => (
                            <li key={alarm}>
                              <VerdictChip verdict="worse" short /> <span>Guardrail: {alarm}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </>
                  ) : (
                    <span class="muted">Not started</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
