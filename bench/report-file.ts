// What every bench report ends with and where it is kept: the command line with the machine,
// and the figures as JSON under bench/results/; and the aligned table the reports print.
import { mkdirSync, writeFileSync } from 'node:fs';

export interface RunMachine {
  command: string;
  node: string;
  nproc: number;
  cpu: string;
  date: string;
}

export function commandLine(run: RunMachine): string {
  return `$ ${run.command}    # node ${run.node}, nproc ${run.nproc}, ${run.cpu}, ${run.date}`;
}

/** Writes bench/results/<name> and returns that path, for the report to print. */
export function writeResultsJson(name: string, report: unknown): string {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(name, dir), JSON.stringify(report, null, 2) + '\n');
  return `bench/results/${name}`;
}

/** Columns padded to their widest cell: the first to the left, the figures to the right. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}
