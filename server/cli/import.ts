// `import FILE.csv --site … --key … --visitor … --arm … --control … --metric COLUMN=METRIC[:LABEL] …`:
// a past test, one row per visitor, becomes a stopped experiment; prints what was kept and dropped.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { importCsv } from '../imports/import-csv.js';
import { IMPORT_LIMITS, ImportError, tooLarge } from '../imports/import-error.js';
import { IMPORT_OPTION_NAMES, importOptionsInput } from '../imports/options.js';
import { CommandError, UsageError, type Command, type CommandArgs, type CommandContext } from './command.js';

export const IMPORT_ARGS: NonNullable<Command['args']> = {
  usage:
    'import FILE.csv --site SITE_ID --key KEY --visitor COLUMN --arm COLUMN --control VALUE --metric COLUMN=METRIC[:LABEL] … ' +
    '[--name NAME] [--day COLUMN] [--segment COLUMN …] [--arm-filter COLUMN:ARM=VALUE …] [--origin ARM=ai|traditional|hybrid …] [--disclosure ARM=none|label|caption|badge|credentials …]',
  options: Object.fromEntries(Object.entries(IMPORT_OPTION_NAMES).map(([name, multiple]) => [name, { type: 'string', multiple }])),
  positionals: { min: 1, max: 1 },
};

const count = (value: number) => value.toLocaleString('en');

export async function importCommand({ db, dialect, out, now }: CommandContext, args: CommandArgs): Promise<void> {
  const file = args.positionals[0]!;
  const parsed = importOptionsInput.safeParse(args.values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [option, index] = issue.code === 'unrecognized_keys' ? [issue.keys[0]] : issue.path;
    if (option === undefined) throw new UsageError(issue.message);
    throw new UsageError(`--${String(option)}${typeof index === 'number' ? ` #${index + 1}` : ''}: ${issue.message}`);
  }
  const size = await stat(file).then(
    (stats) => (stats.isFile() ? stats.size : -1),
    () => -1,
  );
  if (size < 0) throw new CommandError(`There is no file "${file}".`);
  try {
    if (size > IMPORT_LIMITS.bytes) throw tooLarge();
    const name = basename(file, extname(file));
    const { experiment, report } = await importCsv(db, dialect, parsed.data, createReadStream(file, { highWaterMark: 1 << 20 }), now(), name);
    out(`Imported ${basename(file)} as the stopped experiment "${experiment.key}" (id ${experiment.id}).`);
    out(`Rows read: ${count(report.rowsRead)}; kept: ${count(report.rowsKept)}; dropped by --arm-filter: ${count(report.droppedByFilter)}; duplicate visitors dropped (first row kept): ${count(report.duplicateVisitors)}.`);
    out('Visitors per arm:');
    for (const variant of experiment.variants) {
      out(`  ${variant.name}${variant.control ? ' (control)' : ''}: ${count(report.visitorsPerArm[variant.name] ?? 0)}`);
    }
    out(`Its results: GET /api/experiments/${experiment.id}/results`);
  } catch (err) {
    if (err instanceof ImportError) throw new CommandError(err.message);
    throw err;
  }
}
