import { Command } from 'commander';
import { defaultOptions, type MockOptions } from '../options';
import { commanderOptions, layeredOptions } from './optionTable';
import { serveRows } from './serveOptions';

/** Parses serve's flags as the CLI does, with an environment and a config file's values of the test's. */
function parse(args: string[], env: Record<string, string> = {}, config: Partial<MockOptions> = {}): Partial<MockOptions> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const command = new Command('serve').exitOverride();
    for (const option of commanderOptions(serveRows, defaultOptions)) command.addOption(option);
    command.parse(args, { from: 'user' });
    return layeredOptions(serveRows, command, config);
  } finally {
    process.env = saved;
  }
}

describe('the option table', () => {
  it('gives every flag its default from the options object, under its options key', () => {
    const options = parse([]);
    expect(options).toMatchObject({ port: 4010, seed: 42, jobs: 50, host: '127.0.0.1', engine: 'faker', control: true, log: 'auto' });
    expect(options.specPath).toBe(defaultOptions.specPath);
  });

  it('reads each flag from RPA_MOCK_<FLAG>, and a flag wins over its variable', () => {
    expect(parse([], { RPA_MOCK_PORT: '4123', RPA_MOCK_SEED: '7', RPA_MOCK_JOURNAL_SIZE: '9' })).toMatchObject({
      port: 4123,
      seed: 7,
      journalSize: 9,
    });
    expect(parse(['--port', '4999'], { RPA_MOCK_PORT: '4123' }).port).toBe(4999);
    // PORT, as hosting platforms set it, when RPA_MOCK_PORT is not set.
    expect(parse([], { PORT: '8080' }).port).toBe(8080);
    expect(parse([], { PORT: '8080', RPA_MOCK_PORT: '4123' }).port).toBe(4123);
    expect(parse([], { RPA_MOCK_NO_CONTROL: '1', RPA_MOCK_QUIET: '1' })).toMatchObject({ control: false, log: 'silent' });
  });

  it('turns a switch on from its variable only when the value says on, and refuses a value that says neither', () => {
    for (const on of ['1', 'true', 'YES', 'on'])
      expect(parse([], { RPA_MOCK_STRICT: on, RPA_MOCK_NO_CONTROL: on })).toMatchObject({ strict: true, control: false });
    for (const off of ['0', 'false', 'No', 'off', ''])
      expect(parse([], { RPA_MOCK_STRICT: off, RPA_MOCK_NO_CONTROL: off })).toMatchObject({ strict: false, control: true });
    expect(() => parse([], { RPA_MOCK_STRICT: 'maybe' })).toThrow(/RPA_MOCK_STRICT=maybe is not a switch value/);
  });

  it("lets a switch's variable, on or off, win over the config file", () => {
    const config = { strict: true, control: true, seed: 9 };
    expect(parse([], { RPA_MOCK_STRICT: 'false', RPA_MOCK_NO_CONTROL: 'yes' }, config)).toMatchObject({
      strict: false,
      control: false,
      seed: 9,
    });
  });

  it('maps flags onto keys that differ from their names', () => {
    const options = parse(['--spec', 'x.yaml', '--cors-origin', 'https://a.example,https://b.example', '-q', '--no-control']);
    expect(options).toMatchObject({
      specPath: 'x.yaml',
      corsOrigins: ['https://a.example', 'https://b.example'],
      log: 'silent',
      control: false,
    });
  });

  it('declares each options key of serve at most once, but for the log (--log-format and --quiet)', () => {
    const keys = serveRows.map((row) => row.key).filter((key) => key !== 'log');
    expect(new Set(keys).size).toBe(keys.length);
  });
});
