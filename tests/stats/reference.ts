// Loads tests/stats/fixtures/reference.json (made by make_fixtures.py with scipy and statsmodels)
// and compares our figures with it: null in the JSON stands for NaN, "inf"/"-inf" for ±∞.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const reference: any = JSON.parse(readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8'));

export function decode(value: Json | undefined): number {
  if (value === null || value === undefined) return NaN;
  if (value === 'inf') return Infinity;
  if (value === '-inf') return -Infinity;
  if (typeof value === 'number') return value;
  throw new Error(`not a number in the fixture: ${JSON.stringify(value)}`);
}

/**
 * actual within `relative` of expected (or within `absolute` of it, for figures that should be 0
 * and come out of a package as 1e-19); NaN must meet NaN and ∞ the same ∞.
 */
export function expectClose(actual: number, expectedJson: Json | undefined, relative: number, absolute = 0, label = ''): void {
  const expected = decode(expectedJson);
  if (Number.isNaN(expected)) {
    expect(actual, `${label}: expected NaN`).toBeNaN();
    return;
  }
  if (!Number.isFinite(expected)) {
    expect(actual, label).toBe(expected);
    return;
  }
  const error = Math.abs(actual - expected);
  const allowed = Math.max(relative * Math.abs(expected), absolute);
  expect(error <= allowed, `${label}: ${actual} vs ${expected} (error ${error.toExponential(2)}, allowed ${allowed.toExponential(2)})`).toBe(true);
}

/** Compares every field of `expected` that `actual` also has. */
export function expectFields(actual: object, expected: Record<string, Json>, relative: number, absolute = 0, label = ''): void {
  for (const [field, value] of Object.entries(expected)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) continue;
    if (typeof value === 'boolean' || (typeof value === 'string' && !value.endsWith('inf'))) {
      expect((actual as Record<string, unknown>)[field], `${label}.${field}`).toBe(value);
      continue;
    }
    if (Array.isArray(value)) continue;
    expectClose((actual as Record<string, number>)[field] as number, value, relative, absolute, `${label}.${field}`);
  }
}
