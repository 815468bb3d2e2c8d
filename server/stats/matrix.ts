// The few dense-matrix steps the factor model needs (its matrices are at most a dozen columns):
// products and an inverse by Gauss–Jordan elimination with partial pivoting, and a rank test.
export type Matrix = number[][];

export function zeros(rows: number, columns: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
}

/** The inverse of a square matrix; null when it is singular (a pivot below tolerance). */
export function invert(matrix: Matrix, tolerance = 1e-12): Matrix | null {
  const size = matrix.length;
  const work = matrix.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  const scale = Math.max(1, ...matrix.flat().map(Math.abs));
  for (let column = 0; column < size; column++) {
    let pivot = column;
    for (let row = column + 1; row < size; row++) if (Math.abs(work[row]![column]!) > Math.abs(work[pivot]![column]!)) pivot = row;
    if (Math.abs(work[pivot]![column]!) <= tolerance * scale) return null;
    [work[column], work[pivot]] = [work[pivot]!, work[column]!];
    const head = work[column]!;
    const divisor = head[column]!;
    for (let j = 0; j < 2 * size; j++) head[j]! /= divisor;
    for (let row = 0; row < size; row++) {
      if (row === column) continue;
      const factor = work[row]![column]!;
      if (factor === 0) continue;
      for (let j = 0; j < 2 * size; j++) work[row]![j]! -= factor * head[j]!;
    }
  }
  return work.map((row) => row.slice(size));
}

/** The rank of a few rows (Gaussian elimination on a copy). */
export function rank(rows: Matrix, tolerance = 1e-10): number {
  const work = rows.map((row) => [...row]);
  const columns = work[0]?.length ?? 0;
  let found = 0;
  for (let column = 0; column < columns && found < work.length; column++) {
    let pivot = found;
    for (let row = found + 1; row < work.length; row++) if (Math.abs(work[row]![column]!) > Math.abs(work[pivot]![column]!)) pivot = row;
    if (Math.abs(work[pivot]![column]!) <= tolerance) continue;
    [work[found], work[pivot]] = [work[pivot]!, work[found]!];
    for (let row = found + 1; row < work.length; row++) {
      const factor = work[row]![column]! / work[found]![column]!;
      for (let j = column; j < columns; j++) work[row]![j]! -= factor * work[found]![j]!;
    }
    found++;
  }
  return found;
}
