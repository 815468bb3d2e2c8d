// The real files committed under tests/fixtures/ (its README names their sources and hashes):
// where they are, and their bytes with the data sets unpacked (two gzipped, one zipped), so that
// no test, bench or script reads anything beside the repository.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { readZipMember } from './zip-member.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const MEDIA_DIR = join(FIXTURES_DIR, 'media');
export const DATASETS_DIR = join(FIXTURES_DIR, 'datasets');

/** The path of a fixture, relative to tests/fixtures/; throws, naming it, when it is not there. */
export function fixturePath(relative: string): string {
  const path = join(FIXTURES_DIR, relative);
  if (!existsSync(path)) throw new Error(`tests/fixtures/${relative} is missing: tests/fixtures/README.md lists every fixture and where it comes from.`);
  return path;
}

/** The path of a media fixture: 'C.jpg', 'video1.mp4', 'test-signing/es256.pem', … */
export function mediaPath(name: string): string {
  return fixturePath(`media/${name}`);
}

export function mediaFile(name: string): Buffer {
  return readFileSync(mediaPath(name));
}

/** The CSV data sets, by the name of the CSV file their source published. */
export type DatasetName = 'ab_data.csv' | 'cookie_cats.csv' | 'hillstrom.csv';

/** A data set's CSV bytes, exactly as its source published them (the README gives their sha256). */
export function readDataset(name: DatasetName): Buffer {
  if (name === 'ab_data.csv') return readZipMember(fixturePath('datasets/ab_data.csv.zip'), 'ab_data.csv');
  return gunzipSync(readFileSync(fixturePath(`datasets/${name}.gz`)));
}
