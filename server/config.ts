// Configuration: read once from the environment, checked, frozen. Nothing else reads process.env.
import { dirname, join, resolve } from 'node:path';
import type { TrustProxy } from './http/client-address.js';
import { parseNetwork, type IpNetwork } from './http/ip-address.js';

export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly url: string };

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseTarget;
  /** Set by CANDOR_ADMIN_TOKEN; when absent, the token's hash lives in the database. */
  readonly adminToken: string | undefined;
  /** The address visitors' browsers reach Candor at, without a trailing slash. */
  readonly publicUrl: string;
  /** Event requests a second per client address (bursts up to 4× that); 0 turns the limit off. */
  readonly rateLimit: number;
  /** Which proxies' X-Forwarded-For, -Proto and -Host are believed (CANDOR_TRUST_PROXY). */
  readonly trustProxy: TrustProxy;
  /** Set by CANDOR_DEMO: create the demo shop's site at start (`--demo` on the server's command line does too). */
  readonly demo: boolean;
  /** Where uploaded creatives live (CANDOR_MEDIA_DIR); processes sharing a database share it on one volume. */
  readonly mediaDir: string;
  /** The largest image and video an upload may be (CANDOR_MAX_IMAGE_MB, CANDOR_MAX_VIDEO_MB). */
  readonly maxImageBytes: number;
  readonly maxVideoBytes: number;
  /** The ffmpeg that makes video posters (CANDOR_FFMPEG); null when turned off. */
  readonly ffmpeg: string | null;
  /** How long a connection may take over its parts, and how many may be open (http/listen.ts). */
  readonly connections: ConnectionLimits;
}

export interface ConnectionLimits {
  /** CANDOR_HEADERS_TIMEOUT_MS: from connecting to the end of the headers. */
  readonly headersTimeoutMs: number;
  /** CANDOR_REQUEST_TIMEOUT_MS: the whole request, its body (an upload, an import) included. */
  readonly requestTimeoutMs: number;
  /** CANDOR_KEEP_ALIVE_TIMEOUT_MS: an idle connection kept open for the next request. */
  readonly keepAliveTimeoutMs: number;
  /** CANDOR_MAX_CONNECTIONS: open connections at once; more are closed as they arrive. */
  readonly maxConnections: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const DEFAULT_SQLITE_FILE = 'data/candor.db';
const MIN_ADMIN_TOKEN_LENGTH = 16;

export function loadConfig(env: Record<string, string | undefined>): Config {
  const port = parsePort(env.PORT);
  const host = nonEmpty(env.HOST) ?? '127.0.0.1';
  const database = parseDatabaseUrl(nonEmpty(env.CANDOR_DATABASE_URL));
  const adminToken = parseAdminToken(env.CANDOR_ADMIN_TOKEN);
  const publicUrl = parsePublicUrl(nonEmpty(env.CANDOR_PUBLIC_URL), host, port);
  const rateLimit = parseRateLimit(nonEmpty(env.CANDOR_RATE_LIMIT));
  const trustProxy = parseTrustProxy(nonEmpty(env.CANDOR_TRUST_PROXY));
  const demo = parseBoolean('CANDOR_DEMO', nonEmpty(env.CANDOR_DEMO));
  const mediaDir = parseMediaDir(nonEmpty(env.CANDOR_MEDIA_DIR), database);
  const maxImageBytes = parseMegabytes('CANDOR_MAX_IMAGE_MB', nonEmpty(env.CANDOR_MAX_IMAGE_MB), DEFAULT_MAX_IMAGE_MB);
  const maxVideoBytes = parseMegabytes('CANDOR_MAX_VIDEO_MB', nonEmpty(env.CANDOR_MAX_VIDEO_MB), DEFAULT_MAX_VIDEO_MB);
  const ffmpeg = parseFfmpeg(nonEmpty(env.CANDOR_FFMPEG));
  const connections = parseConnectionLimits(env);
  return Object.freeze({
    port,
    host,
    database: Object.freeze(database),
    adminToken,
    publicUrl,
    rateLimit,
    trustProxy,
    demo,
    mediaDir,
    maxImageBytes,
    maxVideoBytes,
    ffmpeg,
    connections,
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parsePort(raw: string | undefined): number {
  const value = nonEmpty(raw);
  if (value === undefined) return 8787;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) {
    throw new ConfigError(`PORT must be a whole number from 1 to 65535, got "${value}".`);
  }
  return Number(value);
}

/** `postgres://` or `postgresql://` selects PostgreSQL; `sqlite:PATH`, a plain path or nothing selects SQLite. */
export function parseDatabaseUrl(raw: string | undefined): DatabaseTarget {
  if (raw === undefined) return { dialect: 'sqlite', file: resolve(DEFAULT_SQLITE_FILE) };
  if (/^postgres(ql)?:\/\//i.test(raw)) {
    try {
      new URL(raw);
    } catch {
      throw new ConfigError('CANDOR_DATABASE_URL looks like a PostgreSQL URL but cannot be parsed.');
    }
    return { dialect: 'postgres', url: raw };
  }
  const path = raw.replace(/^sqlite:(\/\/)?/i, '');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    throw new ConfigError(
      `CANDOR_DATABASE_URL must start with postgres:// or postgresql://, or be a SQLite file path (sqlite:PATH); got "${raw.split('://')[0]}://…".`,
    );
  }
  if (path === '') throw new ConfigError('CANDOR_DATABASE_URL names no SQLite file.');
  return { dialect: 'sqlite', file: path === ':memory:' ? path : resolve(path) };
}

// A browser sends a batch every few seconds; 50 a second leaves room for many visitors behind
// one carrier-grade NAT address.
const DEFAULT_RATE_LIMIT = 50;

function parseRateLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_RATE_LIMIT;
  if (!/^\d+$/.test(raw) || Number(raw) > 1_000_000) {
    throw new ConfigError(`CANDOR_RATE_LIMIT must be a whole number of requests a second per address (0 for no limit), got "${raw}".`);
  }
  return Number(raw);
}

function parseBoolean(name: string, raw: string | undefined): boolean {
  if (raw === undefined) return false;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}".`);
}

// More proxies than this in front of one server is a typo, not a deployment.
const MAX_PROXY_HOPS = 32;

/** false, true (one proxy), a number of proxies, or the proxies' addresses and networks. */
function parseTrustProxy(raw: string | undefined): TrustProxy {
  if (raw === undefined || /^(0|false|no|off)$/i.test(raw)) return Object.freeze({ kind: 'off' });
  if (/^(true|yes|on)$/i.test(raw)) return Object.freeze({ kind: 'hops', hops: 1 });
  if (/^\d+$/.test(raw)) {
    if (Number(raw) > MAX_PROXY_HOPS) throw new ConfigError(`CANDOR_TRUST_PROXY counts at most ${MAX_PROXY_HOPS} proxies, got "${raw}".`);
    return Object.freeze({ kind: 'hops', hops: Number(raw) });
  }
  const networks: IpNetwork[] = [];
  for (const entry of raw.split(',').map((part) => part.trim())) {
    const network = entry === '' ? undefined : parseNetwork(entry);
    if (!network) {
      throw new ConfigError(
        `CANDOR_TRUST_PROXY must be true, false, a number of proxies, or a comma-separated list of proxy addresses and networks (10.0.0.0/8, ::1); "${entry}" is none of these.`,
      );
    }
    networks.push(Object.freeze(network));
  }
  return Object.freeze({ kind: 'networks', networks: Object.freeze(networks) });
}

function parseAdminToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.trim() !== raw || raw.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new ConfigError(
      `CANDOR_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters with no surrounding spaces; leave it unset to have one generated.`,
    );
  }
  return raw;
}

function parsePublicUrl(raw: string | undefined, host: string, port: number): string {
  if (raw === undefined) {
    const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    return `http://${shownHost}:${port}`;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`CANDOR_PUBLIC_URL must be an absolute http(s) URL, got "${raw}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`CANDOR_PUBLIC_URL must use http or https, got "${url.protocol}".`);
  }
  if (url.search || url.hash) throw new ConfigError('CANDOR_PUBLIC_URL must not carry a query or fragment.');
  return url.href.replace(/\/+$/, '');
}

/** Next to the SQLite file by default (one folder to back up); data/media for PostgreSQL or :memory:. */
function parseMediaDir(raw: string | undefined, database: DatabaseTarget): string {
  if (raw !== undefined) return resolve(raw);
  if (database.dialect === 'sqlite' && database.file !== ':memory:') return join(dirname(database.file), 'media');
  return resolve(DEFAULT_MEDIA_DIR);
}

// A campaign photo is a few MB; a 30-second 1080p clip at a high bitrate is well under 200 MB.
const DEFAULT_MAX_IMAGE_MB = 15;
const DEFAULT_MAX_VIDEO_MB = 200;
const DEFAULT_MEDIA_DIR = 'data/media';
// The reader of Content Credentials holds a video about twice over in WebAssembly memory, which
// stops at 4 GB (bench/creatives.ts).
const MAX_UPLOAD_MB = 1024;

function parseMegabytes(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback * 1024 * 1024;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value <= 0 || value > MAX_UPLOAD_MB) {
    throw new ConfigError(`${name} must be a number of megabytes above 0 and at most ${MAX_UPLOAD_MB}, got "${raw}".`);
  }
  return Math.floor(value * 1024 * 1024);
}

/** A command or path; "off" makes no posters. Whether it is installed is found out at the first video. */
function parseFfmpeg(raw: string | undefined): string | null {
  if (raw === undefined) return 'ffmpeg';
  return /^(off|none|false|0)$/i.test(raw) ? null : raw;
}

// Slow clients may hold a connection this long at most. The request bound is wide enough for a
// 200 MB video over a 6 Mbit/s uplink; an event batch takes milliseconds.
const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 300_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 2_000,
};

function parseConnectionLimits(env: Record<string, string | undefined>): ConnectionLimits {
  const whole = (name: string, fallback: number, max: number): number => {
    const raw = nonEmpty(env[name]);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) throw new ConfigError(`${name} must be a whole number from 1 to ${max}, got "${raw}".`);
    return Number(raw);
  };
  const hour = 3_600_000;
  const d = DEFAULT_CONNECTION_LIMITS;
  const limits = {
    headersTimeoutMs: whole('CANDOR_HEADERS_TIMEOUT_MS', d.headersTimeoutMs, hour),
    requestTimeoutMs: whole('CANDOR_REQUEST_TIMEOUT_MS', d.requestTimeoutMs, hour),
    keepAliveTimeoutMs: whole('CANDOR_KEEP_ALIVE_TIMEOUT_MS', d.keepAliveTimeoutMs, hour),
    maxConnections: whole('CANDOR_MAX_CONNECTIONS', d.maxConnections, 1_000_000),
  };
  // node:http refuses a headers bound longer than the whole request's.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new ConfigError(`CANDOR_HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) must not be longer than CANDOR_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs}).`);
  }
  return Object.freeze(limits);
}
