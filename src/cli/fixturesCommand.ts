import { rename, writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { createFixtures } from '../fixtures/createFixtures';
import { defaultOptions, referenceTimeOf } from '../options';
import { integerIn, parseNow } from './parsers';

/** `rpa-mock fixtures`: writes generated jobs to a fixture file that `serve --fixtures` reads. */
export function fixturesCommand(): Command {
  return new Command('fixtures')
    .description('Write the generated jobs of a seed to a fixture file (JSON), to edit and serve with serve --fixtures.')
    .addOption(
      new Option('-s, --seed <seed>', 'seed of the generated jobs')
        .default(defaultOptions.seed)
        .argParser(integerIn(0, 2 ** 32 - 1, 'seed')),
    )
    .addOption(new Option('-j, --jobs <count>', 'number of jobs').default(defaultOptions.jobs).argParser(integerIn(0, 100_000, 'jobs')))
    .addOption(
      new Option('--now <time>', 'time the data is relative to (RFC 3339)')
        .default(defaultOptions.now, new Date(defaultOptions.now as number).toISOString())
        .argParser(parseNow),
    )
    .addOption(new Option('-o, --out <file>', 'file to write; standard output when absent'))
    .action(async (flags: { seed: number; jobs: number; now: number | 'real'; out?: string }) => {
      const now = referenceTimeOf(flags.now);
      const text = `${JSON.stringify(createFixtures(flags.seed, flags.jobs, now), null, 2)}\n`;
      if (!flags.out) return void process.stdout.write(text);
      // Written beside the target, then renamed: an interrupted run never leaves half a file.
      const partial = `${flags.out}.${process.pid}.partial`;
      await writeFile(partial, text);
      await rename(partial, flags.out);
      process.stderr.write(`rpa-mock: wrote ${flags.jobs} jobs (seed ${flags.seed}) to ${flags.out}\n`);
    });
}
