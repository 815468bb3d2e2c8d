// What every bench report ends with and where it is kept: the command line with the machine,
// and the figures as JSON under bench/results/.
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
