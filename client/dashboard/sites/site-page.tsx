// One site: how to install it (and whether that worked), its experiments, its settings.
import { api } from '../api.js';
import { Link, paths } from '../router.js';
import { ErrorNotice, Loading, PageHeader } from '../ui/controls.js';
import { useLoad } from '../ui/use-load.js';
import { ExperimentList } from './experiment-list.js';
import { InstallPanel } from './install-panel.js';
import { SiteSettings } from './site-settings.js';

export function SitePage({ siteId }: { siteId: string }) {
  const { data: site, error, reload } = useLoad(() => api.site(siteId), [siteId]);
  if (error) return <ErrorNotice error={error} />;
  if (!site) return <Loading what="the site" />;
  return (
    <>
      <PageHeader title={site.name} eyebrow={<Link href={paths.home()}>Sites</Link>}>
        <Link href={paths.newExperiment(site.id)} class="button button-primary">
          New experiment
        </Link>
      </PageHeader>
      <p class="muted small key-line">
        Site key <code>{site.publicKey}</code>
      </p>
      <div class="two-columns">
        <section class="card" aria-labelledby="install-title">
          <h2 id="install-title">Install</h2>
          <InstallPanel siteId={site.id} />
        </section>
        <section class="card" aria-labelledby="settings-title">
          <h2 id="settings-title">Settings</h2>
          <SiteSettings site={site} onSaved={() => void reload()} />
        </section>
      </div>
      <section class="card" aria-labelledby="experiments-title">
        <div class="card-head">
          <h2 id="experiments-title">Experiments</h2>
        </div>
        <ExperimentList siteId={site.id} />
      </section>
    </>
  );
}
