// The dashboard's one door to the server: every fetch goes through here. The session cookie
// rides along by itself (same origin); errors arrive as ApiError with the API's code and field.
import type { PlanAnswer, PlanRequest } from './experiments/plan-request.js';
import type { Creative, DemoAnswer, Experiment, ExperimentAnswer, ExperimentInputBody, ImportAnswer, Installation, ResultsDocument, Site, SiteInputBody } from './types.js';

/** Import options as query pairs; metric, origin and disclosure repeat. */
export type ImportQuery = Array<[string, string]>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Called when the server says the session has ended, so the app can show the login again. */
let onUnauthorized: () => void = () => {};
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

/** A body sent as it is. A FormData goes without a type: the browser writes it, with the boundary. */
type RawBody = { body: Blob; type: string } | { body: FormData };

async function request<T>(method: string, path: string, body?: unknown, raw?: RawBody): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (raw) {
    if ('type' in raw) headers['content-type'] = raw.type;
    payload = raw.body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', 'Candor did not answer. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed = text ? (safeJson(text) as { error?: { code: string; message: string; field?: string } }) : undefined;
  if (!response.ok) {
    const error = parsed?.error;
    if (response.status === 401 && path !== '/api/session') onUnauthorized();
    throw new ApiError(response.status, error?.code ?? 'http_' + response.status, error?.message ?? `The server answered ${response.status}.`, error?.field);
  }
  return parsed as T;
}

/** A text document (generated code to paste), with the same errors as request. */
async function requestText(path: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', 'Candor did not answer. Check your connection and try again.');
  }
  const text = await response.text();
  if (!response.ok) {
    const error = (safeJson(text) as { error?: { code: string; message: string } } | undefined)?.error;
    if (response.status === 401) onUnauthorized();
    throw new ApiError(response.status, error?.code ?? 'http_' + response.status, error?.message ?? `The server answered ${response.status}.`);
  }
  return text;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const id = encodeURIComponent;

export const api = {
  session: () => request<{ authenticated: boolean }>('GET', '/api/session'),
  logIn: (token: string) => request<{ authenticated: true }>('POST', '/api/session', { token }),
  logOut: () => request<void>('DELETE', '/api/session'),

  sites: () => request<{ sites: Site[] }>('GET', '/api/sites').then((answer) => answer.sites),
  site: (siteId: string) => request<Site>('GET', `/api/sites/${id(siteId)}`),
  createSite: (body: SiteInputBody) => request<Site>('POST', '/api/sites', body),
  updateSite: (siteId: string, body: Partial<SiteInputBody>) => request<Site>('PATCH', `/api/sites/${id(siteId)}`, body),
  installation: (siteId: string) => request<Installation>('GET', `/api/sites/${id(siteId)}/installation`),
  /** The site's Shopify custom pixel, as JavaScript to paste into Shopify's customer events. */
  text: (path: string) => requestText(path),

  experiments: (siteId: string) =>
    request<{ experiments: Experiment[] }>('GET', `/api/sites/${id(siteId)}/experiments`).then((answer) => answer.experiments),
  experiment: (experimentId: string) => request<ExperimentAnswer>('GET', `/api/experiments/${id(experimentId)}`),
  createExperiment: (siteId: string, body: ExperimentInputBody) => request<ExperimentAnswer>('POST', `/api/sites/${id(siteId)}/experiments`, body),
  updateExperiment: (experimentId: string, body: Partial<ExperimentInputBody>) =>
    request<ExperimentAnswer>('PATCH', `/api/experiments/${id(experimentId)}`, body),
  deleteExperiment: (experimentId: string) => request<void>('DELETE', `/api/experiments/${id(experimentId)}`),
  setStatus: (experimentId: string, status: string) => request<Experiment>('POST', `/api/experiments/${id(experimentId)}/status`, { status }),
  /** Days and visitors to reach 80% power on the planned effect, per metric, before the start. */
  plan: (body: PlanRequest) => request<PlanAnswer>('POST', '/api/plan', body),
  results: (experimentId: string) => request<ResultsDocument>('GET', `/api/experiments/${id(experimentId)}/results`),

  importCsv: (query: ImportQuery, file: Blob) => {
    const search = new URLSearchParams();
    for (const [name, value] of query) search.append(name, value);
    return request<ImportAnswer>('POST', `/api/experiments/import?${search}`, undefined, { body: file, type: 'text/csv' });
  },
  creatives: () => request<{ creatives: Creative[] }>('GET', '/api/creatives').then((answer) => answer.creatives),
  /** One image or video, as multipart/form-data in the field "file": 201 stored, 200 already there. */
  uploadCreative: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<Creative>('POST', '/api/creatives', undefined, { body: form });
  },
  loadDemo: () => request<DemoAnswer>('POST', '/api/demo'),
};
