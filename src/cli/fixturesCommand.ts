import { rename, writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { defaultOptions, referenceTimeOf, type MockOptions } from '../options';
import { commanderOptions, optionsFromFlags, pickRows, type OptionRow } from './optionTable';
import { integerIn } from './parsers';
import { serveRows } from './serveOptions';
import { rowFor } from './sharedRows';
import { createFixtures } from '../fixtures/createFixtures';

type FixturesOptions = Pick<MockOptions, 'seed' | 'jobs' | 'now'> & { out?: string };

/** The flags of `fixtures`: `--seed` and `--now` as `serve` declares them, a smaller bound on `--jobs`. */
const fixturesRows: OptionRow<FixturesOptions>[] = [
  ...pickRows<FixturesOptions, MockOptions>(serveRows, ['seed', 'now']),
  // A fixture file holds every job as JSON, whole in memory while it is written.
  { key: 'jobs', flags: '-j, --jobs <count>', help: 'number of jobs', parse: integerIn(0, 100_000, 'jobs') },
  rowFor<FixturesOptions>('out', 'file to write; standard output when absent'),
];

/** `rpa-mock fixtures`: writes generated jobs to a fixture file that `serve --fixtures` reads. */
export function fixturesCommand(): Command {
  const command = new Command('fixtures')
    .description('Write the generated jobs of a seed to a fixture file (JSON), to edit and serve with serve --fixtures.')
    .action(async (flags: Record<string, unknown>) => {
      const { seed, jobs, now, out } = { ...defaultOptions, ...optionsFromFlags(fixturesRows, flags) };
      const text = `${JSON.stringify(createFixtures(seed, jobs, referenceTimeOf(now)), null, 2)}\n`;
      if (!out) return void process.stdout.write(text);
      // Written beside the target, then renamed: an interrupted run never leaves half a file.
      const partial = `${out}.${process.pid}.partial`;
      await writeFile(partial, text);
      await rename(partial, out);
      process.stderr.write(`rpa-mock: wrote ${jobs} jobs (seed ${seed}) to ${out}\n`);
    });
  for (const option of commanderOptions(fixturesRows, defaultOptions as Partial<FixturesOptions>)) command.addOption(option);
  return command;
}
