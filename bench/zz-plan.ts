export {};
import { buildDatabase } from './results-build.js';
import { openDatabase } from '../server/db/connect.js';
import { readExperimentSums } from '../server/results/read-sums.js';
import { readSegmentSums } from '../server/results/read-segment-sums.js';
import { mkdtempSync } from 'node:fs';
const dir = mkdtempSync('/tmp/rt-');
const built = await buildDatabase(dir + '/c.db', 20000, Date.now(), () => {});
const { db } = openDatabase({ dialect: 'sqlite', file: built.file });
const acc = { daily: 0, seg: 0 };
for (let i = 0; i < 60; i++) {
  let t = process.hrtime.bigint(); await readExperimentSums(db, built.experimentId); if (i >= 10) acc.daily += Number(process.hrtime.bigint() - t) / 1e6;
  t = process.hrtime.bigint(); await readSegmentSums(db, built.experimentId); if (i >= 10) acc.seg += Number(process.hrtime.bigint() - t) / 1e6;
}
console.log('daily', (acc.daily / 50).toFixed(2), 'seg', (acc.seg / 50).toFixed(2));
