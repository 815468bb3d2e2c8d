// The results of one experiment, the heart of the dashboard: the answer and the decision per arm
// first, then whether it can be trusted, then the charts, the segments and every number. Drawn
// from one request, GET /api/experiments/:id/results, refreshed every 15 s while it runs and the
// tab is visible.
import { ResearchNote } from './research-note.js';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api.js';
import { secondsAgo } from '../format.js';
import { armColours } from '../palette.js';
import { Link, paths } from '../router.js';
import type { ResultsDocument } from '../types.js';
import { ErrorNotice, Loading, PageHeader, StatusPill } from '../ui/controls.js';
import { useLoad } from '../ui/use-load.js';
import { AdjustedPanel } from './adjusted-panel.js';
import { Answer } from './answer.js';
import { downloadCsv } from './csv.js';
import { CumulativeLift } from './cumulative-lift.js';
import { DisclosurePanel } from './disclosure-panel.js';
import { ForestPlot } from './forest-plot.js';
import { Health } from './health.js';
import { NoveltyLift } from './novelty-lift.js';
import { SegmentsPanel } from './segments-panel.js';
import { TrustPanel } from './trust-panel.js';
import { VariantTable } from './variant-table.js';
import { VideoPanel } from './video-panel.js';

const REFRESH_MS = 15_000;

interface Loaded {
  doc: ResultsDocument;
}

async function loadResults(experimentId: string): Promise<Loaded> {
  return { doc: await api.results(experimentId) };
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

function Results({ doc, stale }: Loaded & { stale: boolean }) {
  const colours = useMemo(() => armColours(doc.variants), [doc.variants.map((variant) => variant.key).join()]);
  const running = doc.experiment.status === 'running';
  const age = Math.max(0, (Date.now() - doc.generatedAt) / 1000);
  return (
    <div class="results">
      <PageHeader title={doc.experiment.name} eyebrow={<Link href={paths.site(doc.experiment.siteId)}>Experiments</Link>}>
        <StatusPill status={doc.experiment.status} imported={doc.experiment.imported} />
        <Link href={paths.editor(doc.experiment.id)} class="button button-quiet">
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
      <ResearchNote doc={doc} />
      <Health doc={doc} colours={colours} />
      <div class="two-columns">
        <CumulativeLift doc={doc} colours={colours} />
        <NoveltyLift doc={doc} colours={colours} />
      </div>
      <ForestPlot doc={doc} colours={colours} />
      <SegmentsPanel doc={doc} colours={colours} />
      <AdjustedPanel doc={doc} />
      <DisclosurePanel doc={doc} />
      <TrustPanel doc={doc} colours={colours} />
      <VideoPanel doc={doc} colours={colours} />
      <VariantTable doc={doc} colours={colours} />
    </div>
  );
}
