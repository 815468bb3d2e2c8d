// The frame around every signed-in page: a skip link, the top bar with the main places and
// log out, and the page itself in <main>, which takes the focus when the page changes.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Link, paths, type Route } from '../router.js';

interface LayoutProps {
  route: Route;
  onLogOut: () => void;
  children: ComponentChildren;
}

export function Layout({ route, onLogOut, children }: LayoutProps) {
  const current = (pages: Route['page'][]) => (pages.includes(route.page) ? ('page' as const) : undefined);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After a move to another page, keyboard and screen-reader users start at its content, not
  // on a link that is gone.
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus({ preventScroll: true });
  }, [location.pathname]);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <div class="topbar-inner">
          <Link href={paths.home()} class="brand">
            <span class="brand-mark" aria-hidden="true" />
            Candor
          </Link>
          <nav aria-label="Main">
            <Link href={paths.home()} aria-current={current(['home', 'site', 'new-site', 'welcome'])}>
              Sites
            </Link>
            <Link href={paths.import()} aria-current={current(['import'])}>
              Import
            </Link>
          </nav>
          <button type="button" class="button button-quiet topbar-logout" onClick={onLogOut}>
            Log out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {children}
      </main>
    </>
  );
}
