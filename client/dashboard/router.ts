// Client-side paths (the server answers each with the same page shell: server/dashboard/routes.ts
// lists their prefixes): the current route as state, navigation by the History API, and links
// that stay real <a href> elements, so middle-click, copy-link and the keyboard work as usual.
import { createElement, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { page: 'home' }
  | { page: 'welcome' }
  | { page: 'import' }
  | { page: 'new-site' }
  | { page: 'site'; siteId: string }
  | { page: 'new-experiment'; siteId: string }
  | { page: 'results'; experimentId: string }
  | { page: 'editor'; experimentId: string }
  | { page: 'not-found' };

export const paths = {
  home: () => '/',
  welcome: () => '/welcome',
  import: () => '/import',
  newSite: () => '/sites/new',
  site: (siteId: string) => `/sites/${encodeURIComponent(siteId)}`,
  newExperiment: (siteId: string) => `/sites/${encodeURIComponent(siteId)}/experiments/new`,
  results: (experimentId: string) => `/experiments/${encodeURIComponent(experimentId)}`,
  editor: (experimentId: string) => `/experiments/${encodeURIComponent(experimentId)}/edit`,
};

export function parseRoute(pathname: string): Route {
  const parts = pathname.replace(/\/+$/, '').split('/').slice(1).map(decodeURIComponent);
  const [a, b, c, d] = parts;
  if (parts.length === 0 || (parts.length === 1 && a === '')) return { page: 'home' };
  if (parts.length === 1 && a === 'welcome') return { page: 'welcome' };
  if (parts.length === 1 && a === 'import') return { page: 'import' };
  // /login shows the login form whenever there is no session; with one, it is home.
  if (parts.length === 1 && (a === 'sites' || a === 'login')) return { page: 'home' };
  if (a === 'sites' && b === 'new' && parts.length === 2) return { page: 'new-site' };
  if (a === 'sites' && b && parts.length === 2) return { page: 'site', siteId: b };
  if (a === 'sites' && b && c === 'experiments' && d === 'new' && parts.length === 4) return { page: 'new-experiment', siteId: b };
  if (a === 'experiments' && b && parts.length === 2) return { page: 'results', experimentId: b };
  if (a === 'experiments' && b && c === 'edit' && parts.length === 3) return { page: 'editor', experimentId: b };
  return { page: 'not-found' };
}

const CHANGE = 'candor:navigate';

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(CHANGE));
  if (!options.replace) window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return route;
}

interface LinkProps {
  href: string;
  class?: string;
  children: ComponentChildren;
  'aria-current'?: 'page' | undefined;
}

export function Link(props: LinkProps) {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.href);
  };
  return createElement('a', { ...props, onClick }, props.children);
}
