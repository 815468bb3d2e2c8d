// The results of one experiment, the heart of the dashboard: the answer first, then whether it
// can be trusted, then the charts and every number. Drawn from GET /api/experiments/:id/results,
// with the answers' and video marks' counts from …/distributions where they can be had (the
// server reuses those for 100× their cost), refreshed every 15 s while it runs and the tab is visible.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { METRIC_NAMES, METRIC_REGISTRY } from '../../../server/metrics/registry.js';
import { api } from '../api.js';
import { secondsAgo } from '../format.js';
import { armColours } from '../palette.js';
import { Link, paths } from '../router.js';
import type { DistributionsDocument, Experiment, ResultsDocument } from '../types.js';
import { ErrorNotice, Loading, PageHeader, StatusPill } from '../ui/controls.js';
import { useLoad } from '../ui/use-load.js';
import { Answer } from './answer.js';
import { downloadCsv } from './csv.js';
import { CumulativeLift } from './cumulative-lift.js';
import { DisclosurePanel } from './disclosure-panel.js';
import { ForestPlot } from './forest-plot.js';
import { Health } from './health.js';
import { loadDistributions } from './load-distributions.js';
import { TrustPanel } from './trust-panel.js';
import { VariantTable } from './variant-table.js';
import { VideoPanel } from './video-panel.js';

const REFRESH_MS = 15_000;

const VIDEO_METRICS: readonly string[] = METRIC_NAMES.filter((metric) => METRIC_REGISTRY[metric].appliesTo === 'video');

interface Loaded {
  doc: ResultsDocument;
  experiment: Experiment;
  distributions: DistributionsDocument | null;
}

async function loadResults(experimentId: string): Promise<Loaded> {
  const [doc, experiment, distributions] = await Promise.all([api.results(experimentId), api.experiment(experimentId), loadDistributions(experimentId)]);
  return { doc, experiment, distributions };
}

/** The arms with a video to watch: an imported test's arms have no creative, so there the test's own video metrics say. */
function videoArms(doc: ResultsDocument, experiment: Experiment): string[] {
  if (doc.experiment.imported) return doc.metrics.some((metric) => VIDEO_METRICS.includes(metric.metric)) ? doc.variants.map((variant) => variant.key) : [];
  return experiment.variants.filter((variant) => variant.media.type === 'video').map((variant) => variant.key);
}

export function ResultsPage({ experimentId }: { experimentId: string }) {
  const { data, error, reload } = useLoad(() => loadResults(experimentId), [experimentId]);
  const running = data?.doc.experiment.status === 'running';
  const [, tick] = useState(0);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
      tick((n) => n + 1);
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, reload]);

  if (error && !data) return <ErrorNotice error={error} />;
  if (!data) return <Loading what="the results" />;
  return <Results {...data} stale={Boolean(error)} />;
}

function Results({ doc, experiment, distributions, stale }: Loaded & { stale: boolean }) {
  const colours = useMemo(() => armColours(doc.variants), [doc.variants.map((variant) => variant.key).join()]);
  const running = doc.experiment.status === 'running';
  const age = Math.max(0, (Date.now() - doc.generatedAt) / 1000);
  return (
    <div class="results">
      <PageHeader title={doc.experiment.name} eyebrow={<Link href={paths.site(experiment.siteId)}>Experiments</Link>}>
        <StatusPill status={doc.experiment.status} imported={doc.experiment.imported} />
        <Link href={paths.editor(experiment.id)} class="button button-quiet">
          Setup
        </Link>
        <button type="button" class="button" onClick={() => downloadCsv(doc)}>
          Export CSV
        </button>
      </PageHeader>
      <p class="muted small refresh-line" aria-live="polite">
        {running ? `Updated ${secondsAgo(age)}; refreshes every ${REFRESH_MS / 1000} s.` : `Computed ${secondsAgo(age)}.`}
        {stale && ' The last refresh failed; showing the previous figures.'}
      </p>
      <Answer doc={doc} />
      <Health doc={doc} colours={colours} />
      <CumulativeLift doc={doc} colours={colours} />
      <ForestPlot doc={doc} colours={colours} />
      <DisclosurePanel doc={doc} />
      <TrustPanel doc={doc} colours={colours} distributions={distributions} survey={experiment.survey} />
      <VideoPanel doc={doc} videoArms={videoArms(doc, experiment)} colours={colours} distributions={distributions} />
      <VariantTable doc={doc} colours={colours} />
    </div>
  );
}
