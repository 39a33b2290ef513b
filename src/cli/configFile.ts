import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { lilconfig, type Loader } from 'lilconfig';
import { parseYaml } from '../text/parseYaml';
import { SetupError } from '../errors/setupError';
import type { OptionRow } from './optionTable';

/** A config file that cannot be used; names the file and the key at fault. */
export class ConfigError extends SetupError {}

/** Where a config file is looked for, from the working folder up: the usual names, and `rpa-mock` in package.json. */
const searchPlaces = [
  'package.json',
  'rpa-mock.config.json',
  'rpa-mock.config.yaml',
  'rpa-mock.config.yml',
  '.rpa-mockrc',
  '.rpa-mockrc.json',
  '.rpa-mockrc.yaml',
  '.rpa-mockrc.yml',
];

const yamlLoader: Loader = (_file, content) => parseYaml(content) as unknown;

/** The config file found from `cwd` up, or none: its path and its values, each checked by its option's row. */
export async function loadConfigFile<T>(
  rows: readonly OptionRow<T>[],
  cwd = process.cwd(),
): Promise<{ file?: string; values: Partial<T> }> {
  const explorer = lilconfig('rpa-mock', {
    searchPlaces,
    loaders: { '.yaml': yamlLoader, '.yml': yamlLoader, noExt: yamlLoader },
  });
  let found: Awaited<ReturnType<typeof explorer.search>>;
  try {
    found = await explorer.search(cwd);
  } catch (error) {
    throw new ConfigError(`a config file cannot be read: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!found || found.isEmpty) return { values: {} };
  return { file: found.filepath, values: checkConfig(found.config, rows, found.filepath) };
}

/** Each key must be an option's config key, each value one its flag would accept. */
function checkConfig<T>(config: unknown, rows: readonly OptionRow<T>[], file: string): Partial<T> {
  if (!config || typeof config !== 'object' || Array.isArray(config))
    throw new ConfigError(`the config file ${file} must hold an object of options`);
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    const row = rows.find((candidate) => candidate.key === key && !candidate.toValue);
    if (!row) {
      problems.push(`  /${key}: not an option (known: ${[...new Set(rows.map((r) => r.key))].join(', ')})`);
      continue;
    }
    try {
      const parsed = valueOf(row, value);
      values[key] = row.isPath ? path.resolve(path.dirname(file), String(parsed)) : parsed;
    } catch (error) {
      problems.push(`  /${key}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0)
    throw new ConfigError(`the config file ${file} has ${problems.length === 1 ? 'a bad option' : 'bad options'}:\n${problems.join('\n')}`);
  return values as Partial<T>;
}

/** The value as the option's flag would give it: parsed, and one of its choices. */
function valueOf<T>(row: OptionRow<T>, value: unknown): unknown {
  const takesValue = /<[^>]+>/.test(row.flags);
  if (!takesValue) {
    if (typeof value !== 'boolean') throw new InvalidArgumentError('must be true or false.');
    return value;
  }
  const items = Array.isArray(value) ? value : [value];
  if (items.some((item) => typeof item !== 'string' && typeof item !== 'number'))
    throw new InvalidArgumentError('must be a string or a number.');
  const text = items.map(String).join(',');
  if (row.choices && !row.choices.includes(text)) throw new InvalidArgumentError(`must be one of: ${row.choices.join(', ')}.`);
  return row.parse ? row.parse(text) : text;
}
