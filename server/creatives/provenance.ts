// Reading a stored file's provenance: its C2PA Content Credentials with the C2PA project's own
// reader (@contentauth/c2pa-wasm, WebAssembly, nothing fetched), else the XMP source type.
// The reader runs in a worker thread, one per file, one file at a time: hashing a 200 MB video
// takes a second or two that the event loop (and ingestion) must not lose, and the WebAssembly
// memory it grows to (about twice the video, which it never shrinks) goes back to the system when
// the worker exits.
import { open, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fileSource } from './byte-source.js';
import { C2PA_WORKER_SOURCE, type WorkerInput, type WorkerOutput } from './c2pa-worker.js';
import type { Format } from './formats.js';
import { summariseManifestStore, summariseReadError, summariseXmp } from './provenance-summary.js';
import { NO_PROVENANCE, type Provenance } from './source-type.js';
import { readXmpSourceType } from './xmp.js';

export interface ProvenanceReader {
  read(path: string, format: Format): Promise<Provenance>;
}

export interface ProvenanceReaderOptions {
  /** A reader still busy after this is stopped, and the file kept without credentials. */
  timeoutMs?: number;
}

// Candor never reaches out because of a file it was given: no remote manifest, no OCSP.
const READER_SETTINGS = JSON.stringify({ verify: { remote_manifest_fetch: false, ocsp_fetch: false } });
// c2pa-rs has no WebM binding (C2PA embeds in MP4, JPEG, PNG, WebP, AVIF and others).
const NO_C2PA_BINDING = new Set<Format['ext']>(['webm']);

const require = createRequire(import.meta.url);

export function createProvenanceReader(options: ProvenanceReaderOptions = {}): ProvenanceReader {
  const timeoutMs = options.timeoutMs ?? 120_000;
  // Compiled once, on the first upload that needs it: most processes never read a credential.
  let compiled: Promise<WebAssembly.Module> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function readCredentials(path: string, mime: string): Promise<WorkerOutput | 'timeout'> {
    compiled ??= readFile(require.resolve('@contentauth/c2pa-wasm/c2pa.wasm'))
      .then((bytes) => WebAssembly.compile(bytes))
      .catch((err: unknown) => {
        compiled = undefined; // the next upload tries again
        throw err;
      });
    const module = await compiled;
    const workerData: WorkerInput = { glueUrl: pathToFileURL(require.resolve('@contentauth/c2pa-wasm')).href, module, path, mime, settings: READER_SETTINGS };
    const worker = new Worker(C2PA_WORKER_SOURCE, { eval: true, workerData });
    try {
      return await new Promise<WorkerOutput | 'timeout'>((resolve) => {
        const timer = setTimeout(() => resolve('timeout'), timeoutMs);
        const settle = (output: WorkerOutput | 'timeout') => {
          clearTimeout(timer);
          resolve(output);
        };
        worker.once('message', (output: WorkerOutput) => settle(output));
        worker.once('error', (err) => settle({ error: `the reader failed: ${err.message}` }));
        worker.once('exit', (code) => settle({ error: `the reader stopped (exit code ${code})` }));
      });
    } finally {
      await worker.terminate();
    }
  }

  async function readOnce(path: string, format: Format): Promise<Provenance> {
    let summary: Provenance = NO_PROVENANCE;
    if (!NO_C2PA_BINDING.has(format.ext)) {
      const output = await readCredentials(path, format.mime);
      if (output === 'timeout') return { ...NO_PROVENANCE, problems: [`reading the Content Credentials took over ${timeoutMs / 1000} s`] };
      summary = 'json' in output ? summariseManifestStore(JSON.parse(output.json)) : summariseReadError(output.error);
    }
    if (summary.manifest) return summary;
    const handle = await open(path, 'r');
    try {
      const sourceType = await readXmpSourceType(await fileSource(handle));
      return sourceType ? summariseXmp(sourceType) : summary;
    } finally {
      await handle.close();
    }
  }

  return {
    read(path, format) {
      const job = queue.then(() => readOnce(path, format));
      queue = job.catch(() => {});
      return job;
    },
  };
}
