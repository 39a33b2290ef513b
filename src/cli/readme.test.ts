import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command, Option } from 'commander';
import { createProgram } from './main';
import { serveRows } from './serveOptions';

/** The README is tested against the option tables: each command's flags, their defaults, and the config keys. */
const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

/** The first table after a command's heading: its rows as cells. */
function flagTable(command: string): string[][] {
  const at = readme.indexOf(`### \`rpa-mock ${command}\``);
  expect(at).toBeGreaterThan(-1);
  const lines = readme.slice(at).split('\n');
  const start = lines.findIndex((line) => line.startsWith('| flag |'));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

const commands = Object.fromEntries(createProgram([]).commands.map((command) => [command.name(), command])) as Record<string, Command>;

const longFlags = (text: string) => [...text.matchAll(/--[a-z][a-z-]*/g)].map((match) => match[0]);

/** How the README writes a default: the value (or the label --help shows) in backticks. */
function readmeDefault(option: Option): string | undefined {
  const value: unknown = option.defaultValueDescription ?? option.defaultValue;
  return typeof value === 'number' || (typeof value === 'string' && !value.includes('/')) ? `\`${value}\`` : undefined;
}

describe('the README', () => {
  it.each(['serve', 'proxy', 'verify', 'calibrate', 'record', 'ionapi', 'diff'])('lists every flag of %s, and only those', (name) => {
    const documented = new Set(flagTable(name).flatMap(([flags]) => longFlags(flags!)));
    const declared = commands[name]!.options.map((option) => option.long!);
    expect([...documented].sort()).toEqual([...new Set(declared)].sort());
  });

  it.each(['serve', 'proxy', 'verify', 'calibrate', 'record', 'ionapi', 'diff'])(
    'gives the defaults of %s as its option table does',
    (name) => {
      for (const [flags, cell] of flagTable(name)) {
        const named = longFlags(flags!);
        if (named.length !== 1 || !/^`[^`]*`$/.test(cell!)) continue;
        const option = commands[name]!.options.find((candidate) => candidate.long === named[0])!;
        const expected = readmeDefault(option);
        if (expected !== undefined) expect(`${named[0]} ${cell}`).toBe(`${named[0]} ${expected}`);
      }
    },
  );

  it("names every key serve's config file takes", () => {
    const paragraph = /\*\*Config file\.\*\*[\s\S]*?\n\n/.exec(readme)![0];
    const listed = /Its keys are those\s+of the options object \(([^)]*)\)/.exec(paragraph)![1]!;
    const keys = [...listed.matchAll(/`([a-zA-Z]+)`/g)].map((match) => match[1]);
    expect([...keys].sort()).toEqual([...new Set(serveRows.map((row) => row.key))].sort());
  });
});

describe('the flags of all commands', () => {
  it('read one variable under one name, whichever command takes them', () => {
    const variables = new Map<string, Set<string | undefined>>();
    for (const command of Object.values(commands))
      for (const option of command.options) variables.set(option.long!, (variables.get(option.long!) ?? new Set()).add(option.envVar));
    const differing = [...variables].filter(([, names]) => names.size > 1).map(([flag, names]) => `${flag}: ${[...names].join(', ')}`);
    expect(differing).toEqual([]);
  });
});
