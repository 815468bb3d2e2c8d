// What the creatives' tests share: a media folder of each test's own, and uploads sent as real
// multipart/form-data through the app.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN, buildTestApp, type Reply, type TestAppOptions } from '../helpers/app.js';
import type { TestDatabase } from '../helpers/databases.js';

export interface MediaWorld {
  t: ReturnType<typeof buildTestApp>;
  mediaDir: string;
  /** Every file under the media folder, temp files included, as paths relative to it. */
  storedFiles(): string[];
  cleanup(): void;
}

export function buildMediaApp(database: TestDatabase, options: TestAppOptions = {}): MediaWorld {
  const mediaDir = mkdtempSync(join(tmpdir(), 'candor-media-'));
  const t = buildTestApp(database, { ...options, env: { CANDOR_MEDIA_DIR: mediaDir, CANDOR_FFMPEG: 'off', ...options.env } });
  return {
    t,
    mediaDir,
    storedFiles: () => readdirSync(mediaDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(mediaDir.length + 1)).sort(),
    cleanup: () => rmSync(mediaDir, { recursive: true, force: true }),
  };
}

export interface FormPart {
  name: string;
  filename?: string;
  type?: string;
  data: Uint8Array | string;
}

export function multipartBody(parts: FormPart[], boundary = '----CandorTestBoundary7MA4YWxkTrZu0gW'): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    const type = part.type ? `Content-Type: ${part.type}\r\n` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(part.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POSTs one file as the form field "file"; `type` is what a browser would declare for it. */
export async function uploadFile(world: MediaWorld, data: Uint8Array, filename: string, type = 'application/octet-stream'): Promise<Reply> {
  const { body, contentType } = multipartBody([{ name: 'file', filename, type, data }]);
  return sendForm(world, body, contentType);
}

/** POSTs a form as it is; `token` null sends no admin token. */
export async function sendForm(world: MediaWorld, body: Uint8Array | ReadableStream<Uint8Array>, contentType: string, headers: Record<string, string> = {}, token: string | null = ADMIN_TOKEN): Promise<Reply> {
  const response = await world.t.app.request('/api/creatives', {
    method: 'POST',
    headers: { ...(token !== null && { authorization: `Bearer ${token}` }), 'content-type': contentType, ...headers },
    body,
    ...(body instanceof ReadableStream && { duplex: 'half' }),
  } as RequestInit);
  const text = await response.text();
  return { status: response.status, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text, headers: response.headers };
}

/** A GET of a public media URL, as bytes. */
export async function getMedia(world: MediaWorld, path: string, headers: Record<string, string> = {}) {
  const response = await world.t.app.request(path, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}
