// The code of the worker thread that runs the C2PA reader over one file and exits. Kept as
// plain JavaScript source (a worker needs a file or a string, and the tests run TypeScript that
// Node cannot load in a worker); provenance.ts starts it with { eval: true }.
//
// It reads the file whole and calls WasmReader.fromBytes. The package's streaming entry point,
// fromBlob, pulls ranges through blob.slice() and a browser-only FileReaderSync, which a file
// can stand in for; but c2pa-rs asks for an MP4's media data box in one read, so on a 200 MB
// clip streaming held more (a peak of 804 MB against 606 MB) in as long (1.5–1.7 s): see
// bench/creatives.ts.

export interface WorkerInput {
  /** file: URL of the package's JavaScript glue (pkg/c2pa.js). */
  glueUrl: string;
  /** The package's c2pa_bg.wasm, compiled once by the parent thread. */
  module: WebAssembly.Module;
  path: string;
  mime: string;
  /** c2pa-rs settings as JSON (verify.remote_manifest_fetch off, …). */
  settings: string;
}

export type WorkerOutput = { json: string } | { error: string };

export const C2PA_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');

(async () => {
  try {
    const c2pa = await import(workerData.glueUrl);
    c2pa.initSync({ module: workerData.module });
    const reader = await c2pa.WasmReader.fromBytes(workerData.mime, readFileSync(workerData.path), workerData.settings);
    parentPort.postMessage({ json: reader.json() });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message ? error.message : error) });
  }
})();
`;
