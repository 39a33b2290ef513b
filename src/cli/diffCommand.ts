import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { diffContracts } from '../contract/diff/diffContracts';
import { formatDiff, type DiffFormat } from '../contract/diff/formatDiff';
import { defaultSpecPath } from '../spec/bundledPaths';
import { loadSpecBundle } from '../spec/specBundle';
import { commanderOptions, optionsFromFlags, type OptionRow } from './optionTable';
import { collect } from './parsers';
import { rowFor } from './sharedRows';

interface DiffOptions {
  oldOverlays: string[];
  newOverlays: string[];
  format: DiffFormat;
  out: string | undefined;
}

const diffRows: OptionRow<DiffOptions>[] = [
  {
    key: 'oldOverlays',
    flags: '--old-overlay <file>',
    help: 'an overlay applied to OLD first (repeatable, in order), such as last month’s calibration',
    parse: collect,
    noDefault: true,
  },
  {
    key: 'newOverlays',
    flags: '--new-overlay <file>',
    help: 'an overlay applied to NEW first (repeatable, in order), such as tonight’s calibration',
    parse: collect,
    noDefault: true,
  },
  {
    key: 'format',
    flags: '--format <format>',
    help: "'text', 'markdown' (a pull request, a job summary) or 'json'",
    choices: ['text', 'markdown', 'json'],
  },
  rowFor<DiffOptions>('out', 'write the report to this file instead of standard output'),
];

const diffDefaults: DiffOptions = { oldOverlays: [], newOverlays: [], format: 'text', out: undefined };

/** `rpa-mock diff OLD NEW`: what changed from one contract to another, and whether it breaks a client. */
export function diffCommand(): Command {
  const command = new Command('diff')
    .description(
      "List what changed from one contract to another, each change breaking or not for a client of the API: operations and success statuses removed or added, request parameters and bodies, and response fields removed, renamed, retyped, made nullable or optional, enum values and formats. OLD and NEW are OpenAPI 3.1 files (the bundled spec when left out), each with overlays (a tenant's calibration) applied first. Rule names follow oasdiff's. Exit 0: no breaking change; 1: a breaking change; 2: a file that cannot be read.",
    )
    .argument('[old]', 'the contract before', defaultSpecPath)
    .argument('[new]', 'the contract after', defaultSpecPath)
    .action(async (before: string, after: string, _flags: unknown, self: Command) => {
      const options = { ...diffDefaults, ...optionsFromFlags(diffRows, self.opts(), self) };
      process.exitCode = await diff(before, after, options);
    });
  for (const option of commanderOptions(diffRows, diffDefaults)) command.addOption(option);
  return command;
}

async function diff(before: string, after: string, options: DiffOptions): Promise<number> {
  const [old, now] = await Promise.all([loadSpecBundle(before, options.oldOverlays), loadSpecBundle(after, options.newOverlays)]);
  const changes = diffContracts(old.document, now.document);
  const side = (file: string, overlays: string[]) =>
    [file === defaultSpecPath ? 'the bundled spec' : path.basename(file), ...overlays.map((o) => path.basename(o))].join(' + ');
  const report = formatDiff(
    changes,
    { before: side(before, options.oldOverlays), after: side(after, options.newOverlays) },
    options.format,
  );
  if (options.out) await writeFile(options.out, report);
  else process.stdout.write(report);
  return changes.some((change) => change.breaking) ? 1 : 0;
}
