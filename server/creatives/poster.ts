// A video's poster frame, made by ffmpeg (Debian's package) where it is installed, and stored
// content-addressed like any upload (`<sha256>.jpg`). Without ffmpeg there is simply no poster:
// the shop uploads one as an image and names it as the variant's poster.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { mediaFileName } from './formats.js';
import { hashFile, tempDir } from './store.js';

export interface PosterMaker {
  /** The stored poster's sha256 (its file is `<sha256>.jpg`), or null when none could be made. */
  make(videoPath: string, mediaDir: string): Promise<string | null>;
}

export function createPosterMaker(command: string | null, timeoutMs = 30_000): PosterMaker {
  let missing = command === null;
  return {
    async make(videoPath, mediaDir) {
      if (missing) return null;
      const out = join(tempDir(mediaDir), `${randomUUID()}.jpg`);
      try {
        const result = await run(command!, ['-nostdin', '-v', 'error', '-i', videoPath, '-frames:v', '1', '-q:v', '3', '-f', 'image2', '-y', out], timeoutMs);
        if (result === 'missing') {
          missing = true;
          return null;
        }
        if (result !== 'ok') return null;
        const sha256 = await hashFile(out);
        await rename(out, join(mediaDir, mediaFileName(sha256, 'jpg')));
        return sha256;
      } finally {
        await rm(out, { force: true });
      }
    },
  };
}

function run(command: string, args: string[], timeoutMs: number): Promise<'ok' | 'failed' | 'missing'> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', timeout: timeoutMs });
    child.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ENOENT' ? 'missing' : 'failed'));
    child.once('exit', (code) => resolve(code === 0 ? 'ok' : 'failed'));
  });
}
