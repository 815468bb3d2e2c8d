// First run: nothing here yet. Two ways in: create your own site, or load the demo shop (a
// four-arm experiment with simulated visitors, sent through the real event API) to look around.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { Link, navigate, paths } from '../router.js';
import { idOf } from '../types.js';
import { ErrorNotice } from '../ui/controls.js';

export function WelcomePage() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const loadDemo = async () => {
    setBusy(true);
    setError(null);
    try {
      const demo = await api.loadDemo();
      navigate(paths.results(idOf(demo.experiment)));
    } catch (err) {
      // Loaded before (by `npm run demo`, say): it is among the sites already.
      if (err instanceof ApiError && err.code === 'demo_loaded') return navigate(paths.home());
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section class="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome to Candor</h1>
      <p class="lead">
        Test your campaign creatives on your own shop: an AI-made image or video against your usual one, with an AI label or
        without. Candor shows what each does to attention, sales and trust, with statistics you can rely on.
      </p>
      <ErrorNotice error={error} />
      <div class="welcome-choices">
        <div class="choice">
          <h2>Create a site</h2>
          <p>Name your shop and its web address. You will get one script tag to add to its pages.</p>
          <Link href={paths.newSite()} class="button button-primary">
            Create a site
          </Link>
        </div>
        <div class="choice">
          <h2>Load the demo</h2>
          <p>A demo shop with a four-arm test (AI or studio creative, labelled or not) and simulated visitors with known effects.</p>
          <button type="button" class="button" onClick={loadDemo} disabled={busy}>
            {busy ? 'Loading the demo…' : 'Load the demo'}
          </button>
        </div>
      </div>
    </section>
  );
}
