// POST /api/creatives with the real files in tests/fixtures/media: each is typed by its bytes,
// measured, read for Content Credentials and stored once under its hash; a wrong, cut-off or
// oversized file is refused with a clear 4xx and leaves nothing behind.
import { createHash } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/databases.js';
import { mediaFile } from '../helpers/fixture-files.js';
import { buildMediaApp, getMedia, multipartBody, sendForm, uploadFile, type MediaWorld } from './helpers.js';
import { makePng } from './sign-c2pa.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describeEachDialect('uploading creatives', (database) => {
  let world: MediaWorld | undefined;
  const open = (env: Record<string, string> = {}) => (world = buildMediaApp(database(), { env }));
  afterEach(() => world?.cleanup());

  it.each([
    ['C.jpg', 'image/jpeg', 'image', 2048, 1365, null, 'make_test_images/0.33.1 c2pa-rs/0.33.1'],
    ['no_manifest.jpg', 'image/jpeg', 'image', 2100, 1500, null, null],
    ['video1.mp4', 'video/mp4', 'video', 720, 1280, 2027, 'TestApp c2patool/0.6.2 c2pa-rs/0.28.2'],
    ['video1_no_manifest.mp4', 'video/mp4', 'video', 720, 1280, 2027, null],
  ])('takes %s as %s: its size, length and Content Credentials read from the file itself', async (name, mime, kind, width, height, durationMs, generator) => {
    const w = open();
    const bytes = mediaFile(name);
    const reply = await uploadFile(w, bytes, name, mime);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const ext = mime === 'image/jpeg' ? 'jpg' : 'mp4';
    expect(reply.body).toMatchObject({ kind, mime, ext, width, height, durationMs, bytes: bytes.length, sha256: sha256(bytes), originalName: name, posterUrl: null });
    expect(reply.body.url).toBe(`http://127.0.0.1:8787/media/${sha256(bytes)}.${ext}`);
    if (generator) {
      // Signed with the C2PA test certificate, on no trust list: valid, not trusted, and it says why.
      expect(reply.body.provenance).toMatchObject({ source: 'c2pa', manifest: true, validation: 'valid', claimGenerator: generator, signer: { issuer: 'C2PA Test Signing Cert' } });
      expect(reply.body.provenance.problems).toEqual(['signingCredential.untrusted']);
      expect(reply.body.provenanceSummary).toMatch(/^Content Credentials: .*signed by C2PA Test Signing Cert/);
    } else {
      expect(reply.body.provenance).toEqual({ source: 'none', manifest: false, validation: null, problems: [], claimGenerator: null, digitalSourceType: null, softwareAgent: null, signer: null });
      expect(reply.body.provenanceSummary).toBe('No Content Credentials');
    }
    expect(reply.body.suggested).toBeNull();

    // Beside the original, its srcset copies (derivatives.test.ts): four widths × AVIF, WebP, JPEG; a video without ffmpeg has no poster to copy.
    expect(reply.body.derivatives).toHaveLength(kind === 'image' ? 12 : 0);
    const copies = reply.body.derivatives.map((copy: { sha256: string; ext: string }) => `${copy.sha256}.${copy.ext}`);
    expect(w.storedFiles()).toEqual([`${sha256(bytes)}.${ext}`, ...copies].sort());
    const served = await getMedia(w, new URL(reply.body.url).pathname);
    expect(served.status).toBe(200);
    expect(served.bytes.equals(bytes)).toBe(true);
    expect(await w.t.call('GET', `/api/creatives/${reply.body.id}`)).toMatchObject({ status: 200, body: reply.body });
  });

  it('stores the same file once: a second upload answers 200 with the creative already there', async () => {
    const w = open();
    const first = await uploadFile(w, mediaFile('video1.mp4'), 'clip.mp4', 'video/mp4');
    const again = await uploadFile(w, mediaFile('video1.mp4'), 'the same clip, renamed.mp4', 'video/mp4');
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toEqual(first.body);
    expect(w.storedFiles()).toHaveLength(1);
    expect((await w.t.call('GET', '/api/creatives')).body.creatives.map((creative: any) => creative.id)).toEqual([first.body.id]);
  });

  it('lists creatives newest first', async () => {
    const w = open();
    const older = await uploadFile(w, mediaFile('C.jpg'), 'C.jpg');
    w.t.clock.now += 1000;
    const newer = await uploadFile(w, mediaFile('no_manifest.jpg'), 'no_manifest.jpg');
    expect((await w.t.call('GET', '/api/creatives')).body.creatives.map((creative: any) => creative.id)).toEqual([newer.body.id, older.body.id]);
    expect(await w.t.call('GET', '/api/creatives/nope')).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('reads a body that arrives in small chunks without a Content-Length, as a stream', async () => {
    const w = open();
    const { body, contentType } = multipartBody([
      { name: 'note', data: 'hero clip' },
      { name: 'file', filename: 'clip.mp4', type: 'video/mp4', data: mediaFile('video1.mp4') },
    ]);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < body.length; at += 1000) controller.enqueue(body.subarray(at, at + 1000));
        controller.close();
      },
    });
    const reply = await sendForm(w, stream, contentType);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.sha256).toBe(sha256(mediaFile('video1.mp4')));
  });

  const refusals: Array<[string, () => { data: Uint8Array; name: string; type: string }, number, string, RegExp, Record<string, string>?]> = [
    ['a PNG renamed .mp4', () => ({ data: makePng(64, 48), name: 'clip.mp4', type: 'video/mp4' }), 415, 'unsupported_media_type', /PNG image, but its name "clip.mp4" says video/],
    ['an HTML page called .jpg', () => ({ data: Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'), name: 'photo.jpg', type: 'image/jpeg' }), 415, 'unsupported_media_type', /an HTML page/],
    ['a GIF', () => ({ data: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), name: 'a.gif', type: 'image/gif' }), 415, 'unsupported_media_type', /GIF/],
    ['a video cut off half way', () => ({ data: mediaFile('video1.mp4').subarray(0, 400_000), name: 'clip.mp4', type: 'video/mp4' }), 422, 'invalid_media', /MP4 video cannot be used: it ends \d+ bytes short.*cut off/],
    ['a JPEG cut off half way', () => ({ data: mediaFile('no_manifest.jpg').subarray(0, 50_000), name: 'photo.jpg', type: 'image/jpeg' }), 422, 'invalid_media', /JPEG image cannot be used: it stops before its picture ends/],
    ['an empty file', () => ({ data: new Uint8Array(0), name: 'empty.jpg', type: 'image/jpeg' }), 422, 'invalid_media', /empty/],
    ['an image over CANDOR_MAX_IMAGE_MB', () => ({ data: mediaFile('C.jpg'), name: 'C.jpg', type: 'image/jpeg' }), 413, 'payload_too_large', /over 0.1 MB, the most Candor takes for an image/, { CANDOR_MAX_IMAGE_MB: '0.1' }],
    ['a video over CANDOR_MAX_VIDEO_MB', () => ({ data: mediaFile('video1.mp4'), name: 'clip.mp4', type: 'video/mp4' }), 413, 'payload_too_large', /over 0.5 MB, the most Candor takes for a video/, { CANDOR_MAX_VIDEO_MB: '0.5' }],
  ];

  it.each(refusals)('refuses %s with %i %s, and leaves no file and no row behind', async (_, file, status, code, message, env) => {
    const w = open(env);
    const { data, name, type } = file();
    const reply = await uploadFile(w, data, name, type);
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    expect(reply.body.error).toMatchObject({ code, field: 'file' });
    expect(reply.body.error.message).toMatch(message);
    expect(w.storedFiles()).toEqual([]);
    expect((await w.t.call('GET', '/api/creatives')).body.creatives).toEqual([]);
  });

  it('refuses an upload whose Content-Length is over the cap before reading it', async () => {
    const w = open({ CANDOR_MAX_IMAGE_MB: '1', CANDOR_MAX_VIDEO_MB: '1' });
    const { contentType } = multipartBody([]);
    const reply = await sendForm(w, new Uint8Array(10), contentType, { 'content-length': String(50 * 1024 * 1024) });
    expect(reply).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
  });

  it.each([
    ['a JSON body', 'application/json', '{"file": "C.jpg"}', 415, 'unsupported_media_type'],
    ['a form without a file field', undefined, 'name-only', 400, 'invalid_field'],
    ['a form cut off inside the file', undefined, 'cut', 400, 'invalid_field'],
    ['two files in one form', undefined, 'two', 400, 'invalid_field'],
  ])('refuses %s with %i %s', async (_, type, shape, status, code) => {
    const w = open();
    let body: Uint8Array = Buffer.from(shape);
    let contentType = type ?? '';
    if (!type) {
      const jpeg = { name: 'file', filename: 'C.jpg', type: 'image/jpeg', data: mediaFile('no_manifest.jpg') };
      const form = multipartBody(shape === 'name-only' ? [{ name: 'name', data: 'hero' }] : shape === 'two' ? [jpeg, { ...jpeg, data: mediaFile('C.jpg') }] : [jpeg]);
      body = shape === 'cut' ? form.body.subarray(0, 40_000) : form.body;
      contentType = form.contentType;
    }
    const reply = await sendForm(w, body, contentType);
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    expect(reply.body.error.code).toBe(code);
    expect(w.storedFiles()).toEqual([]);
  });

  it('asks for the admin token before reading anything', async () => {
    const w = open();
    const { body, contentType } = multipartBody([{ name: 'file', filename: 'C.jpg', data: mediaFile('C.jpg') }]);
    const reply = await sendForm(w, body, contentType, {}, null);
    expect(reply.status).toBe(401);
    expect(w.storedFiles()).toEqual([]);
  });
});
