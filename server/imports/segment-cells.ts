// An import's segment columns: each kept row's values become its visitor's segment cell
// (segments/cell.ts), one dimension per column. Values pass the one text rule and a length cap;
// an empty value leaves that dimension unknown. A column of more than 50 distinct values is
// refused, naming it: it is an id or a measurement, not a segment.
import { isStorableText } from '../http/text-rule.js';
import { encodeCell } from '../segments/cell.js';
import { IMPORT_LIMITS, ImportError } from './import-error.js';

export interface SegmentReader {
  /** The cell of one row, given its fields; `line` names the row in an error. */
  cellOf(fields: readonly string[], line: number): string;
}

export function segmentReader(columns: ReadonlyArray<{ name: string; index: number }>): SegmentReader {
  const levels = columns.map(() => new Set<string>());
  // Most files repeat a few combinations: one string per distinct cell, not one per row.
  const cells = new Map<string, string>();
  return {
    cellOf(fields, line) {
      if (columns.length === 0) return '';
      const found: Record<string, string> = {};
      columns.forEach(({ name, index }, c) => {
        const value = fields[index]!.trim();
        if (value === '') return;
        if (value.length > IMPORT_LIMITS.segmentValue || !isStorableText(value)) {
          throw new ImportError('invalid_csv', `line ${line}: the value in segment column "${name}" must be 1–${IMPORT_LIMITS.segmentValue} characters of text.`, 'segment');
        }
        const seen = levels[c]!;
        if (!seen.has(value)) {
          if (seen.size >= IMPORT_LIMITS.segmentLevels) {
            throw new ImportError(
              'invalid_csv',
              `line ${line}: segment column "${name}" has more than ${IMPORT_LIMITS.segmentLevels} distinct values, the most a segment takes: is it really a segment?`,
              'segment',
            );
          }
          seen.add(value);
        }
        found[name] = value;
      });
      const key = columns.map(({ name }) => found[name] ?? '\u0000').join('\u0001');
      let cell = cells.get(key);
      if (cell === undefined) cells.set(key, (cell = encodeCell(found)));
      return cell;
    },
  };
}
