// Tests for server/stats/grid.ts: cell means and contrasts against statsmodels OLS on cell
// indicators (HC0 standard errors for binary metrics, HC2 for continuous ones) with t_test
// contrasts, on hillstrom arms standing in for an origin × disclosure grid.
import { describe, expect, it } from 'vitest';
import { analyseGrid, type GridArm } from '../../server/stats/grid.js';
import { expectFields, reference } from './reference.js';

const REL = 1e-9;

describe('analyseGrid against statsmodels', () => {
  for (const c of reference.grid) {
    it(`matches on ${c.name}`, () => {
      const result = analyseGrid(c.arms, { kind: c.kind });
      expect(result.analysis).toBe(c.expected.analysis);
      expect(result.cells.map((cell) => [cell.origin, cell.disclosed, cell.keys])).toEqual(
        c.expected.cells.map((cell: { origin: string; disclosed: boolean; keys: string[] }) => [cell.origin, cell.disclosed, cell.keys]),
      );
      result.cells.forEach((cell, i) => expectFields(cell, c.expected.cells[i], REL, 0, `cell ${i}`));
      expect(result.contrasts.map((x) => x.name)).toEqual(c.expected.contrasts.map((x: { name: string }) => x.name));
      result.contrasts.forEach((x, i) => expectFields(x, c.expected.contrasts[i], REL, 1e-15, x.name));
    });
  }
});

const arm = (key: string, origin: GridArm['origin'], disclosed: boolean, n: number, conversions: number): GridArm => ({
  key,
  origin,
  disclosed,
  sample: { n, sum: conversions, sumSquares: conversions },
});

describe('analyseGrid', () => {
  const grid = [arm('a', 'ai', true, 1000, 100), arm('b', 'ai', false, 1000, 130), arm('c', 'traditional', true, 1000, 120), arm('d', 'traditional', false, 1000, 125)];

  it('reads main effects and the interaction off a complete grid', () => {
    const r = analyseGrid(grid);
    const byName = Object.fromEntries(r.contrasts.map((x) => [x.name, x.estimate]));
    expect(r.analysis).toBe('factorial');
    expect(byName.origin).toBeCloseTo((0.1 + 0.13) / 2 - (0.12 + 0.125) / 2, 15);
    expect(byName.disclosure).toBeCloseTo((0.1 + 0.12) / 2 - (0.13 + 0.125) / 2, 15);
    expect(byName.interaction).toBeCloseTo(0.1 - 0.13 - (0.12 - 0.125), 15);
    expect(byName['disclosure-within-ai']).toBeCloseTo(-0.03, 15);
  });

  it('adds the variances of the four cells for the interaction', () => {
    const r = analyseGrid(grid);
    const interaction = r.contrasts.find((x) => x.name === 'interaction');
    const variance = r.cells.reduce((sum, cell) => sum + cell.standardError ** 2, 0);
    expect(interaction?.standardError).toBeCloseTo(Math.sqrt(variance), 15);
  });

  it('falls back to the pairwise contrasts when a cell is missing', () => {
    const r = analyseGrid(grid.slice(0, 3));
    expect(r.analysis).toBe('pairwise');
    expect(r.contrasts.map((x) => x.name)).toEqual(['disclosure-within-ai', 'origin-when-disclosed']);
  });

  it('says so when origin and disclosure move together', () => {
    const r = analyseGrid([grid[0] as GridArm, grid[3] as GridArm]);
    expect(r.analysis).toBe('pairwise');
    expect(r.contrasts.map((x) => x.name)).toEqual(['origin-confounded']);
    expect(r.contrasts[0]?.label).toMatch(/confounded/);
  });

  it('compares disclosure within hybrid arms but keeps them out of the grid', () => {
    const r = analyseGrid([...grid, arm('h1', 'hybrid', true, 500, 60), arm('h2', 'hybrid', false, 500, 55)]);
    expect(r.analysis).toBe('factorial');
    expect(r.contrasts.map((x) => x.name)).toContain('disclosure-within-hybrid');
    expect(r.contrasts.find((x) => x.name === 'origin')?.estimate).toBeCloseTo(analyseGrid(grid).contrasts[0]?.estimate as number, 15);
  });

  it('has nothing to compare with one arm, or two in the same cell', () => {
    expect(analyseGrid([grid[0] as GridArm]).analysis).toBe('none');
    expect(analyseGrid([grid[0] as GridArm, { ...(grid[0] as GridArm), key: 'a2' }])).toMatchObject({ analysis: 'none', contrasts: [] });
    expect(analyseGrid([]).analysis).toBe('none');
  });

  it('gives NaN contrasts, not errors, when a cell has no visitors', () => {
    const r = analyseGrid([arm('a', 'ai', true, 0, 0), ...grid.slice(1)]);
    expect(r.analysis).toBe('factorial');
    expect(r.contrasts.find((x) => x.name === 'interaction')?.pValue).toBeNaN();
    expect(r.contrasts.find((x) => x.name === 'origin-when-undisclosed')?.pValue).not.toBeNaN();
  });
});
