// From the file's records to the visitors an import keeps: the header resolves the options'
// columns, --arm-filter drops rows, a visitor's first kept row wins (later ones are counted as
// duplicates), and each kept row's arm, time and metric values are held column by column.
// Without a visitor column each row is a visitor of its own, named row-1, row-2, … by its place.
import { CsvError, type CsvRecord } from './csv.js';
import { readMetricCell, readTimeCell } from './cells.js';
import { IMPORT_LIMITS, ImportError } from './import-error.js';
import type { ImportOptions } from './options.js';
import { segmentReader, type SegmentReader } from './segment-cells.js';

export interface ImportReport {
  rowsRead: number;
  rowsKept: number;
  droppedByFilter: number;
  duplicateVisitors: number;
  /** Arm value → visitors kept, in the order the arms first appear. */
  visitorsPerArm: Record<string, number>;
}

export interface ImportedRows {
  /** Arm values in the order they first appear in kept rows. */
  arms: string[];
  visitorIds: string[];
  armIndex: number[];
  /** Each visitor's first exposure time (epoch ms): the day column's, or the import's. */
  times: number[];
  /** values[m][i]: metric m (the options' order) of visitor i; null where not answered. */
  values: Array<Array<number | null>>;
  /** Each visitor's segment cell from the segment columns ('' when none were named or all were empty). */
  segments: string[];
  firstTime: number;
  lastTime: number;
  report: ImportReport;
}

export async function readImportRows(records: AsyncIterable<CsvRecord[]>, options: ImportOptions, now: number): Promise<ImportedRows> {
  let header: string[] | null = null;
  let columns: ReturnType<typeof resolveColumns> | null = null;
  let segments: SegmentReader | null = null;
  const rows: ImportedRows = { arms: [], visitorIds: [], armIndex: [], times: [], values: options.metrics.map(() => []), segments: [], firstTime: Infinity, lastTime: -Infinity, report: emptyReport() };
  const armIndexes = new Map<string, number>();
  const seen = new Set<string>();
  const report = rows.report;

  for await (const batch of records) {
    for (const record of batch) {
      if (!header || !columns) {
        header = record.fields.map((name) => name.trim());
        columns = resolveColumns(header, options);
        segments = segmentReader(columns.segments);
        continue;
      }
      const { fields, line } = record;
      if (fields.length !== header.length) throw new CsvError(`the row has ${fields.length} fields, but the header has ${header.length}`, line);
      report.rowsRead++;
      const visitor = columns.visitor === null ? `row-${report.rowsRead}` : fields[columns.visitor]!.trim();
      const arm = fields[columns.arm]!.trim();
      if (visitor === '' || visitor.length > IMPORT_LIMITS.visitorId) {
        throw new CsvError(`the visitor id in column "${options.visitorColumn}" must be 1–${IMPORT_LIMITS.visitorId} characters`, line);
      }
      if (arm === '' || arm.length > IMPORT_LIMITS.armValue) throw new CsvError(`the arm in column "${options.armColumn}" must be 1–${IMPORT_LIMITS.armValue} characters`, line);
      if (columns.filters.some((filter) => filter.arm === arm && fields[filter.index]!.trim() !== filter.value)) {
        report.droppedByFilter++;
        continue;
      }
      if (seen.has(visitor)) {
        report.duplicateVisitors++;
        continue;
      }
      seen.add(visitor);
      let index = armIndexes.get(arm);
      if (index === undefined) {
        if (armIndexes.size >= IMPORT_LIMITS.arms) {
          throw new CsvError(`column "${options.armColumn}" has more than ${IMPORT_LIMITS.arms} distinct values, the most arms an import takes: is it really the arm column?`, line);
        }
        index = armIndexes.size;
        armIndexes.set(arm, index);
        rows.arms.push(arm);
      }
      const time = columns.day === null ? now : readTimeCell({ text: fields[columns.day]!, line, column: options.dayColumn! });
      options.metrics.forEach((mapping, m) => {
        rows.values[m]!.push(readMetricCell(mapping.metric, { text: fields[columns!.metrics[m]!]!, line, column: mapping.column }));
      });
      rows.segments.push(segments!.cellOf(fields, line));
      rows.visitorIds.push(visitor);
      rows.armIndex.push(index);
      rows.times.push(time);
      if (time < rows.firstTime) rows.firstTime = time;
      if (time > rows.lastTime) rows.lastTime = time;
    }
  }
  if (!header) throw new ImportError('invalid_csv', 'The file is empty: it needs a header line and one row per visitor.');
  report.rowsKept = rows.visitorIds.length;
  const counts = rows.arms.map(() => 0);
  for (const index of rows.armIndex) counts[index]!++;
  rows.arms.forEach((arm, index) => (report.visitorsPerArm[arm] = counts[index]!));
  return rows;
}

function emptyReport(): ImportReport {
  return { rowsRead: 0, rowsKept: 0, droppedByFilter: 0, duplicateVisitors: 0, visitorsPerArm: {} };
}

/** Finds each column the options name in the header, or refuses naming the one that is missing. */
function resolveColumns(header: readonly string[], options: ImportOptions) {
  const find = (name: string, option: string) => {
    const index = header.indexOf(name);
    if (index < 0) {
      const known = header.slice(0, 30).map((column) => JSON.stringify(column)).join(', ');
      throw new ImportError('invalid_csv', `line 1: there is no column "${name}" (given in --${option}); the header has ${known}${header.length > 30 ? ', …' : ''}.`, option);
    }
    if (header.indexOf(name, index + 1) >= 0) throw new ImportError('invalid_csv', `line 1: the header has two columns named "${name}".`, option);
    return index;
  };
  return {
    visitor: options.visitorColumn === null ? null : find(options.visitorColumn, 'visitor'),
    arm: find(options.armColumn, 'arm'),
    day: options.dayColumn === null ? null : find(options.dayColumn, 'day'),
    metrics: options.metrics.map((mapping) => find(mapping.column, 'metric')),
    filters: options.filters.map((filter) => ({ ...filter, index: find(filter.column, 'arm-filter') })),
    segments: options.segmentColumns.map((name) => ({ name, index: find(name, 'segment') })),
  };
}
