// The start page: every site with its experiments. With no site yet, the welcome screen.
import { api } from '../api.js';
import { Link, paths } from '../router.js';
import { WelcomePage } from '../session/welcome-page.js';
import { ErrorNotice, Loading, PageHeader } from '../ui/controls.js';
import { useLoad } from '../ui/use-load.js';
import { ExperimentList } from './experiment-list.js';
import { presetsName } from './site-settings.js';

export function HomePage() {
  const { data: sites, error } = useLoad(() => api.sites(), []);
  if (error) return <ErrorNotice error={error} />;
  if (!sites) return <Loading what="your sites" />;
  if (sites.length === 0) return <WelcomePage />;
  return (
    <>
      <PageHeader title="Sites">
        <Link href={paths.newSite()} class="button">
          New site
        </Link>
      </PageHeader>
      {sites.map((site) => (
        <section class="card" key={site.id} aria-labelledby={`site-${site.id}`}>
          <div class="card-head">
            <div>
              <h2 id={`site-${site.id}`}>
                <Link href={paths.site(site.id)}>{site.name}</Link>
              </h2>
              <p class="muted small">
                {site.allowedOrigins.length ? site.allowedOrigins.join(', ') : 'No allowed origins yet'} · {presetsName(site.disclosurePresets)}
              </p>
            </div>
            <div class="card-actions">
              <Link href={paths.site(site.id)} class="button button-quiet">
                Install &amp; settings
              </Link>
              <Link href={paths.newExperiment(site.id)} class="button button-primary">
                New experiment
              </Link>
            </div>
          </div>
          <ExperimentList siteId={site.id} />
        </section>
      ))}
    </>
  );
}
