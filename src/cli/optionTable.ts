import { Option, type Command } from 'commander';
import { SetupError } from '../errors/setupError';

/**
 * One command-line option, declared once: its flag, help, parser and choices, and the key of the
 * options object it sets (also its config key). The default comes from the command's defaults object
 * and the environment variable from the flag (`--journal-size` → `RPA_MOCK_JOURNAL_SIZE`), so neither
 * is written twice.
 */
export interface OptionRow<T> {
  key: keyof T & string;
  flags: string;
  help: string;
  parse?: (value: string, previous?: never) => unknown;
  choices?: readonly string[];
  /** How --help shows the default, where the value itself would not read well. */
  defaultLabel?: string;
  /** No default applied (flags whose absence means something, such as --fixtures); `defaultLabel` is still shown. */
  noDefault?: boolean;
  /** The environment variable, when not the one derived from the flag; `false` for none. */
  env?: string | false;
  /** A variable read when the flag's own is not set, such as `PORT` for `--port` (hosting platforms set it). */
  envFallback?: string;
  /** Turns the flag's value into the option's value (`--quiet` sets `log: 'silent'`). */
  toValue?: (value: never) => T[keyof T];
  /** The value is a file: in a config file, it is relative to that file's folder. */
  isPath?: boolean;
  mandatory?: boolean;
  conflicts?: string;
}

/** The environment variable of a flag: `--auth-token` → `RPA_MOCK_AUTH_TOKEN`. */
export function envNameOf(flags: string): string {
  const long = /--([a-z][a-z-]*)/.exec(flags)![1]!;
  return `RPA_MOCK_${long.replace(/-/g, '_').toUpperCase()}`;
}

/** The commander options of a table, with their defaults taken from `defaults`. */
export function commanderOptions<T>(rows: readonly OptionRow<T>[], defaults: Partial<T>): Option[] {
  return rows.map((row) => {
    const own = row.env ?? envNameOf(row.flags);
    const env =
      own !== false && process.env[own] === undefined && row.envFallback && process.env[row.envFallback] !== undefined
        ? row.envFallback
        : own;
    const option = new Option(row.flags, row.help);
    if (env !== false) option.env(env);
    if (row.choices) option.choices(row.choices);
    if (row.parse) option.argParser(row.parse as (value: string, previous: unknown) => unknown);
    const value = defaults[row.key];
    if (!row.noDefault && !row.toValue && value !== undefined) option.default(value, row.defaultLabel);
    else if (row.noDefault && row.defaultLabel) option.description += ` (default: ${row.defaultLabel})`;
    if (row.mandatory) option.makeOptionMandatory();
    if (row.conflicts) option.conflicts(row.conflicts);
    return option;
  });
}

/**
 * A switch given by its environment variable, as the value says: commander takes any value as on,
 * so `RPA_MOCK_STRICT=false` would turn --strict on. 1/true/yes/on mean on, 0/false/no/off and empty
 * off; another value is refused (when the command runs, so --help still answers).
 */
function switchFromEnv<T>(row: OptionRow<T>, command: Command | undefined): boolean | undefined {
  const option = new Option(row.flags);
  if (option.required || option.optional || command?.getOptionValueSource(option.attributeName()) !== 'env') return undefined;
  const name = row.env || envNameOf(row.flags);
  const value = (process.env[name] ?? '').trim();
  const on = /^(1|true|yes|on)$/i.test(value);
  if (!on && !/^(0|false|no|off|)$/i.test(value))
    throw new SetupError(`${name}=${value} is not a switch value: use 1, true, yes or on, and 0, false, no or off`);
  return option.negate ? !on : on;
}

/** Reads the parsed flags back into an options object, through each row's key; `command` tells which came from the environment. */
export function optionsFromFlags<T>(rows: readonly OptionRow<T>[], flags: Record<string, unknown>, command?: Command): Partial<T> {
  const options: Record<string, unknown> = {};
  for (const row of rows) {
    const value = switchFromEnv(row, command) ?? flags[new Option(row.flags).attributeName()];
    if (value === undefined) continue;
    const converted = row.toValue ? row.toValue(value as never) : value;
    if (converted !== undefined) options[row.key] = converted;
  }
  return options as Partial<T>;
}

/** Rows of options that a larger options type also has: `serverRows` serve both `serve` and `proxy`. */
export function sharedRows<T extends S, S>(rows: readonly OptionRow<S>[]): OptionRow<T>[] {
  // Sound: each row's key is a key of S, so of T, and its value has the same type there.
  return rows as unknown as OptionRow<T>[];
}

/** The rows of some keys, for another command whose options have those keys, of the same types. */
export function pickRows<T, S>(rows: readonly OptionRow<S>[], keys: readonly (keyof T & keyof S & string)[]): OptionRow<T>[] {
  return rows.filter((row) => (keys as readonly string[]).includes(row.key)) as unknown as OptionRow<T>[];
}

/**
 * The options of a parsed command, in layers: its flags and environment variables first, then the
 * config file's values, then the defaults. `layeredOptions(serveRows, command, config)`.
 */
export function layeredOptions<T>(rows: readonly OptionRow<T>[], command: Command, config: Partial<T>): Partial<T> {
  const given = new Set(
    rows
      .filter((row) => ['cli', 'env'].includes(command.getOptionValueSource(new Option(row.flags).attributeName()) ?? ''))
      .map((row) => row.key),
  );
  const fromFile = Object.fromEntries(Object.entries(config).filter(([key]) => !given.has(key as keyof T & string)));
  return { ...optionsFromFlags(rows, command.opts(), command), ...fromFile } as Partial<T>;
}
