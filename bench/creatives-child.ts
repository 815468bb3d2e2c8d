// One measurement of `npm run bench -- creatives`, in a process of its own so that its peak RSS
// (VmHWM, worker threads included) is its alone. Prints one JSON line. Modes:
//   make OUT MB    a signed MP4 of MB megabytes (see bench/creatives.ts)
//   idle           the modules loaded, nothing read: the baseline
//   read FILE        Candor's reader (creatives/provenance.ts): fromBytes in a worker thread
//   read-bytes FILE  the package's fromBytes, the whole file in memory, in this thread
//   read-ranges FILE the package's streaming fromBlob, pulling file ranges, in this thread
//   upload FILE      POST /api/creatives through the real app, the form streamed from disk
import { closeSync, createReadStream, fstatSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { initSync, WasmReader } from '@contentauth/c2pa-wasm';
import { createApp } from '../server/app.js';
import { hashToken } from '../server/auth/admin-token.js';
import { createCatalog } from '../server/collect/catalog.js';
import { createLastSeen } from '../server/collect/last-seen.js';
import { createWriter } from '../server/collect/writer.js';
import { loadConfig } from '../server/config.js';
import { FORMATS } from '../server/creatives/formats.js';
import { boxAt } from '../server/creatives/iso-boxes.js';
import { createProvenanceReader } from '../server/creatives/provenance.js';
import { openDatabase } from '../server/db/connect.js';
import { applySchema } from '../server/db/schema.js';
// Test material (the C2PA test key) only ever signs the bench's own file.
import { signWithTestKey, TRAINED_ALGORITHMIC_MEDIA } from '../tests/creatives/sign-c2pa.js';
import { mediaPath } from '../tests/helpers/fixture-files.js';
import { peakRssMb } from './ingest-check.js';

const [mode, path, size] = process.argv.slice(2);
// The longest the event loop went without a turn: what the server's other requests would have
// waited. (perf_hooks' monitorEventLoopDelay misses one long block: a 5 ms ticker does not.)
const TICK_MS = 5;
const loop = { last: performance.now(), longest: 0 };
const ticker = setInterval(() => {
  const now = performance.now();
  loop.longest = Math.max(loop.longest, now - loop.last - TICK_MS);
  loop.last = now;
}, TICK_MS);
const startWatching = () => Object.assign(loop, { last: performance.now(), longest: 0 });
const report = async (figures: Record<string, unknown>) => {
  // A stall is seen when the loop turns again: give it the turn before reading the figure.
  await new Promise((resolve) => setTimeout(resolve, 50));
  clearInterval(ticker);
  process.stdout.write(JSON.stringify({ ...figures, peakRssMb: peakRssMb(process.pid), stallMs: loop.longest }) + '\n');
};

/**
 * video1_no_manifest.mp4 with its media data box (the last box) grown with filler to `megabytes`,
 * then signed. The filler is inside mdat, so the BMFF hash covers it and the reader must hash it
 * all, as for a real 200 MB clip (c2pa-rs leaves `free` boxes out of the hash: padding with one
 * would measure nothing). Players ignore mdat bytes no sample points at.
 */
async function makeSignedVideo(out: string, megabytes: number): Promise<void> {
  const source = readFileSync(mediaPath('video1_no_manifest.mp4'));
  let at = 0;
  let mdat = null;
  while (at < source.length) {
    const box = boxAt(source, at, source.length)!;
    if (box.type === 'mdat') mdat = box;
    at = box.end;
  }
  if (!mdat || mdat.end !== source.length || mdat.start - mdat.offset !== 16) throw new Error('expected the clip to end with a 64-bit-sized mdat box');
  const grown = Buffer.alloc(megabytes * 1024 * 1024, 0x5a);
  source.copy(grown);
  grown.writeBigUInt64BE(BigInt(grown.length - mdat.offset), mdat.offset + 8);
  const started = performance.now();
  const signed = await signWithTestKey(grown, { mime: 'video/mp4', digitalSourceType: TRAINED_ALGORITHMIC_MEDIA, softwareAgent: 'Candor bench' });
  writeFileSync(out, signed);
  await report({ bytes: signed.length, signMs: performance.now() - started });
}

async function upload(file: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-upload-'));
  try {
    const config = loadConfig({ CANDOR_DATABASE_URL: join(dir, 'candor.db'), CANDOR_MEDIA_DIR: join(dir, 'media'), CANDOR_FFMPEG: 'off', CANDOR_MAX_VIDEO_MB: '1024' });
    const { db, dialect, close } = openDatabase(config.database);
    await applySchema(db, dialect);
    const token = 'bench-admin-token-0123456789';
    const writer = createWriter(db, dialect);
    const app = createApp({ db, dialect, config, adminTokenHash: hashToken(token), now: Date.now, catalog: createCatalog(db), writer, lastSeen: createLastSeen(db) });
    const boundary = 'CandorBenchBoundary';
    async function* form() {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
      yield* createReadStream(file, { highWaterMark: 64 * 1024 });
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }
    const started = performance.now();
    startWatching();
    const response = await app.request('/api/creatives', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: Readable.toWeb(Readable.from(form())) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const body = (await response.json()) as { provenance?: { validation: string } };
    await report({ ms: performance.now() - started, status: response.status, validation: body.provenance?.validation });
    await writer.close();
    await close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A Blob as c2pa-wasm's fromBlob uses one (size, slice), backed by a file, and the FileReaderSync that reads its ranges. */
class FileSlice {
  constructor(readonly fd: number, readonly start: number, readonly end: number) {}
  get size(): number {
    return this.end - this.start;
  }
  slice(from = 0, to = this.size): FileSlice {
    const start = this.start + Math.min(from, this.size);
    return new FileSlice(this.fd, start, Math.max(start, this.start + Math.min(to, this.size)));
  }
}

function readRanges(file: string): Promise<WasmReader> {
  (globalThis as any).FileReaderSync = class {
    readAsArrayBuffer(slice: FileSlice): ArrayBuffer {
      const buffer = Buffer.allocUnsafeSlow(slice.size);
      let filled = 0;
      while (filled < buffer.length) {
        const read = readSync(slice.fd, buffer, filled, buffer.length - filled, slice.start + filled);
        if (read === 0) break;
        filled += read;
      }
      return buffer.buffer.slice(0, filled) as ArrayBuffer;
    }
  };
  const fd = openSync(file, 'r');
  return WasmReader.fromBlob('video/mp4', new FileSlice(fd, 0, fstatSync(fd).size) as unknown as Blob, SETTINGS).finally(() => closeSync(fd));
}

const SETTINGS = JSON.stringify({ verify: { remote_manifest_fetch: false, ocsp_fetch: false } });

if (mode === 'make') await makeSignedVideo(path!, Number(size));
else if (mode === 'idle') await report({});
else if (mode === 'read') {
  const started = performance.now();
  startWatching();
  const provenance = await createProvenanceReader().read(path!, FORMATS.mp4);
  await report({ ms: performance.now() - started, validation: provenance.validation, digitalSourceType: provenance.digitalSourceType });
} else if (mode === 'read-bytes' || mode === 'read-ranges') {
  const started = performance.now();
  startWatching();
  initSync({ module: readFileSync(createRequire(import.meta.url).resolve('@contentauth/c2pa-wasm/c2pa.wasm')) });
  const reader = mode === 'read-bytes' ? await WasmReader.fromBytes('video/mp4', readFileSync(path!), SETTINGS) : await readRanges(path!);
  await report({ ms: performance.now() - started, validation: (JSON.parse(reader.json()) as { validation_state: string }).validation_state.toLowerCase() });
} else if (mode === 'upload') await upload(path!);
else throw new Error(`unknown mode ${mode}`);
