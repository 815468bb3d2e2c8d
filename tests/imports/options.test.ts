// The import's options, as the command line and the query give them, and how one cell is read:
// what each metric kind accepts, what an empty cell means, what a day column may hold.
import { describe, expect, it } from 'vitest';
import { readMetricCell, readTimeCell } from '../../server/imports/cells.js';
import { importOptionsInput } from '../../server/imports/options.js';

const base = { site: 'site-1', key: 'past-test', visitor: 'user', arm: 'group', control: 'control', metric: 'converted=purchased' };

function problem(values: Record<string, unknown>): string {
  const result = importOptionsInput.safeParse(values);
  if (result.success) throw new Error('expected the options to be refused');
  const issue = result.error.issues[0]!;
  return `${issue.path.join('.')}: ${issue.message}`;
}

describe('import options', () => {
  it('reads the minimal options, a metric given once as a string, its label defaulting to the column', () => {
    const options = importOptionsInput.parse(base);
    expect(options).toMatchObject({ siteId: 'site-1', key: 'past-test', visitorColumn: 'user', armColumn: 'group', control: 'control', dayColumn: null, filters: [] });
    expect(options.metrics).toEqual([{ column: 'converted', metric: 'purchased', label: 'converted' }]);
  });

  it('reads repeated metrics with labels, filters, origins and disclosures', () => {
    const options = importOptionsInput.parse({
      ...base,
      metric: ['retention_1=clicked:Day-1 retention', 'rounds=revenue'],
      'arm-filter': ['landing_page:control=old_page', 'landing_page:treatment=new_page'],
      origin: ['treatment=ai'],
      disclosure: ['treatment=label'],
      day: 'timestamp',
    });
    expect(options.metrics).toEqual([
      { column: 'retention_1', metric: 'clicked', label: 'Day-1 retention' },
      { column: 'rounds', metric: 'revenue', label: 'rounds' },
    ]);
    expect(options.filters).toEqual([
      { column: 'landing_page', arm: 'control', value: 'old_page' },
      { column: 'landing_page', arm: 'treatment', value: 'new_page' },
    ]);
    expect([...options.origins]).toEqual([['treatment', 'ai']]);
    expect([...options.disclosures]).toEqual([['treatment', 'label']]);
    expect(options.dayColumn).toBe('timestamp');
  });

  it('takes no visitor column to mean one visitor a row', () => {
    const { visitor: _visitor, ...rest } = base;
    expect(importOptionsInput.parse(rest).visitorColumn).toBeNull();
  });

  it.each([
    [{ metric: [] }, /^metric: give at least one metric column/],
    [{ metric: 'converted' }, /^metric\.0: "converted" is not COLUMN=METRIC\[:LABEL\]/],
    [{ metric: 'converted=sales' }, /^metric\.0: .*the metric must be one of viewable, /],
    [{ metric: ['a=clicked', 'b=clicked'] }, /^metric\.1: clicked is mapped twice/],
    [{ metric: ['a=clicked', 'b=clicks'] }, /^metric\.1: clicked and clicks share one stored clicks field/],
    [{ metric: 'group=purchased' }, /^metric\.0: column "group" is already the visitor, arm or day column/],
    [{ metric: Array.from({ length: 21 }, (_, i) => `c${i}=clicked`) }, /^metric: Too big/],
    [{ 'arm-filter': 'landing_page=old_page' }, /^arm-filter\.0: .* is not COLUMN:ARM=VALUE/],
    [{ origin: 'treatment=robot' }, /^origin\.0: .*one of ai, traditional, hybrid/],
    [{ origin: ['treatment=ai', 'treatment=hybrid'] }, /^origin\.1: arm "treatment" is given twice/],
    [{ disclosure: 'treatment=label' }, /^disclosure\.0: arm "treatment" is traditional .* may never carry an AI label/],
    [{ key: 'Past Test' }, /^key: must be lower-case letters/],
    [{ control: '' }, /^control: /],
    [{ arm: ['a', 'b'] }, /^arm: /],
    [{ metrics: 'converted=purchased' }, /metrics/],
  ])('refuses %j', (change, message) => {
    expect(problem({ ...base, ...change })).toMatch(message);
  });

  it('allows a credentials mark on a traditional arm: it is no AI label', () => {
    expect(importOptionsInput.parse({ ...base, disclosure: 'control=credentials' }).disclosures.get('control')).toBe('credentials');
  });
});

describe('reading a cell', () => {
  const cell = (text: string) => ({ text, line: 7, column: 'col' });

  it.each([
    ['TRUE', 1],
    ['false', 0],
    [' Yes ', 1],
    ['no', 0],
    ['1', 1],
    ['0.0', 0],
    ['', 0],
  ])('reads the yes/no cell %j as %d', (text, value) => {
    expect(readMetricCell('clicked', cell(text))).toBe(value);
  });

  it('refuses a yes/no cell it cannot read, naming the line, the column and the metric', () => {
    expect(() => readMetricCell('purchased', cell('maybe'))).toThrow('line 7: column "col" (purchased, a yes/no metric) holds "maybe", not TRUE/FALSE, true/false, yes/no or 1/0');
    expect(() => readMetricCell('purchased', cell('2'))).toThrow(/holds "2"/);
  });

  it('reads numbers for continuous metrics, an empty cell as 0, and refuses anything else', () => {
    expect(readMetricCell('revenue', cell('29.99'))).toBe(29.99);
    expect(readMetricCell('revenue', cell('-1.5e2'))).toBe(-150);
    expect(readMetricCell('revenue', cell(''))).toBe(0);
    expect(() => readMetricCell('revenue', cell('$12'))).toThrow('line 7: column "col" (revenue, a numeric metric) holds "$12", not a number');
    expect(() => readMetricCell('revenue', cell('1e400'))).toThrow(/not a number/);
    expect(() => readMetricCell('revenue', cell('NaN'))).toThrow(/not a number/);
  });

  it('reads a count as a whole number of 0 or more', () => {
    expect(readMetricCell('clicks', cell('3'))).toBe(3);
    expect(() => readMetricCell('clicks', cell('2.5'))).toThrow(/a count\) holds "2.5", not a whole number/);
    expect(() => readMetricCell('clicks', cell('-1'))).toThrow(/not a whole number/);
  });

  it('takes an empty trust or noticed cell as a visitor who was not asked', () => {
    expect(readMetricCell('trust', cell(''))).toBeNull();
    expect(readMetricCell('noticed_disclosure', cell(' '))).toBeNull();
    expect(readMetricCell('trust', cell('4'))).toBe(4);
  });

  it.each([
    ['2017-01-21', Date.UTC(2017, 0, 21)],
    ['2017-01-21 22:11:48.556739', Date.UTC(2017, 0, 21, 22, 11, 48, 556)],
    ['2017-01-21T22:11:48Z', Date.UTC(2017, 0, 21, 22, 11, 48)],
    ['2017-01-21T22:11+02:00', Date.UTC(2017, 0, 21, 20, 11)],
    ['2017-01-21 01:00:00-0130', Date.UTC(2017, 0, 21, 2, 30)],
  ])('reads the time %j as UTC unless it gives an offset', (text, time) => {
    expect(readTimeCell(cell(text))).toBe(time);
  });

  it.each(['21/01/2017', '2017-02-30', '2017-01-21 24:00', 'yesterday', ''])('refuses the time %j', (text) => {
    expect(() => readTimeCell(cell(text))).toThrow(/^line 7: column "col" holds .*, not a date \(2017-01-21\) or timestamp/);
  });
});
