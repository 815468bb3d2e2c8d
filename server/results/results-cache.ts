// The results documents a process keeps: per experiment and request, the last one built, with its
// JSON and ETag made once, the sums_version it was built from, and the settings it depends on.
// Builds are single-flighted: requests that need the same document while it is being built wait
// for that build instead of starting their own. Bounded, least recently used first out.
import { createHash } from 'node:crypto';
import { gzipSync, constants as zlib } from 'node:zlib';
import type { BuiltResults, Freshness } from './document-schema.js';

const CACHE_ENTRIES = 200;

export interface CachedResults {
  document: BuiltResults;
  /** JSON.stringify(document): an object, so it starts with "{". */
  json: string;
  /** A digest of json, the stable part of the ETags. */
  digest: string;
  sumsVersion: number;
  builtAt: number;
  /** The current answer's body gzipped, made by the first request that can take it (not on the cold path). */
  gzipped?: Buffer;
}

interface Entry {
  settings: string;
  results: CachedResults;
}

/** One answer: the body to send (the document with its freshness first), its ETag, and the freshness. */
export interface ResultsAnswer {
  freshness: Freshness;
  etag: string;
  /** The whole answer as JSON; made on first call, from the cached JSON without parsing it. */
  body(): string;
  /** The body gzipped, kept with the document while it is current (a stale answer's body differs each time: null). */
  gzipped(): Buffer | null;
  document: BuiltResults;
}

/** Level 1: a 180 kB document shrinks ~8× in about a millisecond, once; sending it then costs an eighth. */
const GZIP_LEVEL = 1;

export class ResultsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly building = new Map<string, { settings: string; sumsVersion: number; results: Promise<CachedResults> }>();

  static entry(document: BuiltResults, sumsVersion: number, builtAt: number): CachedResults {
    const json = JSON.stringify(document);
    return { document, json, digest: createHash('sha256').update(json).digest('base64url').slice(0, 27), sumsVersion, builtAt };
  }

  /**
   * The kept document for this key if its settings still hold and it is built from the latest
   * sums, or, when the caller allows it, from older sums built at most maxStalenessMs ago.
   */
  find(key: string, settings: string, latest: number, now: number, maxStalenessMs: number): CachedResults | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.settings !== settings) return undefined;
    const { results } = entry;
    if (results.sumsVersion !== latest && !(maxStalenessMs > 0 && now - results.builtAt <= maxStalenessMs)) return undefined;
    // Most recently used last, so the first key is the one to forget.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return results;
  }

  /**
   * Builds the document unless a build for this key with these settings is under way that serves:
   * one for the latest sums, or any when the caller accepts older sums. The result is kept.
   */
  buildOnce(key: string, settings: string, latest: number, maxStalenessMs: number, build: () => Promise<CachedResults>): Promise<CachedResults> {
    const running = this.building.get(key);
    if (running && running.settings === settings && (running.sumsVersion >= latest || maxStalenessMs > 0)) return running.results;
    const results = build().then((built) => {
      this.keep(key, settings, built);
      return built;
    });
    const flight = { settings, sumsVersion: latest, results };
    this.building.set(key, flight);
    const done = () => {
      if (this.building.get(key) === flight) this.building.delete(key);
    };
    results.then(done, done);
    return results;
  }

  private keep(key: string, settings: string, results: CachedResults): void {
    // A slower build of older sums must not replace a newer one.
    const kept = this.entries.get(key);
    if (kept && kept.settings === settings && kept.results.sumsVersion > results.sumsVersion) return;
    this.entries.delete(key);
    this.entries.set(key, { settings, results });
    if (this.entries.size > CACHE_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

/**
 * The answer for a kept document, given the sums_version read for this request. `justBuilt`: the
 * answer of the request that built it, which is not gzipped (a cold request would pay for the
 * compression; a document asked for again, as the dashboard does, is worth compressing once).
 */
export function answerOf(results: CachedResults, latest: number, justBuilt = false): ResultsAnswer {
  const current = results.sumsVersion >= latest;
  const freshness: Freshness = {
    sumsVersion: results.sumsVersion,
    builtAt: results.builtAt,
    latestSumsVersion: Math.max(latest, results.sumsVersion),
    current,
    note: current
      ? null
      : `Computed from the sums as of ${new Date(results.builtAt).toISOString()} (version ${results.sumsVersion}); ${latest - results.sumsVersion} later commit(s) of events are not in these figures yet.`,
  };
  let body: string | undefined;
  const bodyOf = () => (body ??= `{"freshness":${JSON.stringify(freshness)},${results.json.slice(1)}`);
  return {
    freshness,
    // The digest names the figures; the latest version names what the answer says of them.
    etag: `"${results.digest}.${freshness.latestSumsVersion}"`,
    body: bodyOf,
    // While current, the freshness block (so the whole body) is the same for every answer.
    gzipped: () => (justBuilt && !results.gzipped ? null : current ? (results.gzipped ??= gzipSync(bodyOf(), { level: GZIP_LEVEL, strategy: zlib.Z_DEFAULT_STRATEGY })) : null),
    document: results.document,
  };
}
