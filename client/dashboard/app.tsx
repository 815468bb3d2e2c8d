// The dashboard: is there a session? Then the page the address names, inside the layout;
// otherwise the login, which leads back to the same address.
import { useEffect, useState } from 'preact/hooks';
import { api, whenUnauthorized } from './api.js';
import { EditorPage } from './experiments/editor-page.js';
import { ImportPage } from './imports/import-page.js';
import { ResultsPage } from './results/results-page.js';
import { navigate, paths, useRoute, type Route } from './router.js';
import { LoginPage } from './session/login-page.js';
import { WelcomePage } from './session/welcome-page.js';
import { HomePage } from './sites/home-page.js';
import { SitePage } from './sites/site-page.js';
import { SiteSettings } from './sites/site-settings.js';
import { Loading, PageHeader } from './ui/controls.js';
import { Layout } from './ui/layout.js';

type SessionState = 'checking' | 'in' | 'out' | 'expired';

export function App() {
  const route = useRoute();
  const [session, setSession] = useState<SessionState>('checking');

  useEffect(() => {
    whenUnauthorized(() => setSession('expired'));
    api
      .session()
      .then((answer) => setSession(answer.authenticated ? 'in' : 'out'))
      .catch(() => setSession('out'));
  }, []);

  if (session === 'checking') return <Loading what="Candor" />;
  if (session !== 'in') return <LoginPage expired={session === 'expired'} onLoggedIn={() => setSession('in')} />;

  const logOut = async () => {
    await api.logOut().catch(() => {});
    setSession('out');
    navigate(paths.home(), { replace: true });
  };

  return (
    <Layout route={route} onLogOut={logOut}>
      <Page route={route} />
    </Layout>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'welcome':
      return <WelcomePage />;
    case 'import':
      return <ImportPage />;
    case 'new-site':
      return <SiteSettings />;
    case 'site':
      return <SitePage key={route.siteId} siteId={route.siteId} />;
    case 'new-experiment':
      return <EditorPage key={`new-${route.siteId}`} siteId={route.siteId} />;
    case 'editor':
      return <EditorPage key={route.experimentId} experimentId={route.experimentId} />;
    case 'results':
      return <ResultsPage key={route.experimentId} experimentId={route.experimentId} />;
    default:
      return <PageHeader title="Nothing here" eyebrow="Not found" />;
  }
}
