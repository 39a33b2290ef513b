import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { defaultOptions } from '../options';
import { ConfigError, loadConfigFile } from './configFile';
import { commanderOptions, layeredOptions } from './optionTable';
import { serveRows } from './serveOptions';

const root = mkdtempSync(path.join(tmpdir(), 'rpa-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folderWith(name: string, files: Record<string, string>): string {
  const folder = path.join(root, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(folder, file), text);
  return folder;
}

/** serve's options as the CLI layers them: flags and env, then the config file of `cwd`, then defaults. */
async function resolve(cwd: string, args: string[], env: Record<string, string> = {}) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const command = new Command('serve').exitOverride();
    for (const option of commanderOptions(serveRows, defaultOptions)) command.addOption(option);
    command.parse(args, { from: 'user' });
    return layeredOptions(serveRows, command, (await loadConfigFile(serveRows, cwd)).values);
  } finally {
    process.env = saved;
  }
}

describe('config files', () => {
  it('are found under their usual names, YAML or JSON, and in package.json', async () => {
    const yaml = folderWith('yaml', { 'rpa-mock.config.yaml': 'port: 4123\nseed: 7\ncorsOrigins: [https://a.example]\n' });
    expect(await loadConfigFile(serveRows, yaml)).toEqual({
      file: path.join(yaml, 'rpa-mock.config.yaml'),
      values: { port: 4123, seed: 7, corsOrigins: ['https://a.example'] },
    });
    const rc = folderWith('rc', { '.rpa-mockrc': '{ "jobs": 500, "clock": "frozen" }' });
    expect((await loadConfigFile(serveRows, rc)).values).toEqual({ jobs: 500, clock: 'frozen' });
    const pkg = folderWith('pkg', { 'package.json': JSON.stringify({ name: 'app', 'rpa-mock': { strict: true } }) });
    expect((await loadConfigFile(serveRows, pkg)).values).toEqual({ strict: true });
    expect(await loadConfigFile(serveRows, folderWith('none', {}))).toEqual({ values: {} });
  });

  it('resolve file options against the config file folder', async () => {
    const folder = folderWith('paths', { 'rpa-mock.config.json': '{ "fixtures": "data/jobs.json", "specPath": "/abs/spec.yaml" }' });
    expect((await loadConfigFile(serveRows, folder)).values).toEqual({
      fixtures: path.join(folder, 'data/jobs.json'),
      specPath: '/abs/spec.yaml',
    });
  });

  it('are refused with every bad key and value named, as the flags would refuse them', async () => {
    const folder = folderWith('bad', { 'rpa-mock.config.json': '{ "port": "http", "bogus": 1, "engine": "wiremock", "strict": "yes" }' });
    const error = await loadConfigFile(serveRows, folder).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/rpa-mock\.config\.json has bad options:/);
    expect(message).toMatch(/\/port: port must be a whole number from 0 to 65535/);
    expect(message).toMatch(/\/bogus: not an option \(known: engine, seed/);
    expect(message).toMatch(/\/engine: must be one of: faker, prism/);
    expect(message).toMatch(/\/strict: must be true or false/);
    const broken = folderWith('broken', { 'rpa-mock.config.yaml': 'port: [1\n' });
    await expect(loadConfigFile(serveRows, broken)).rejects.toThrow(ConfigError);
  });

  it('sit below flags and environment variables, and above the defaults', async () => {
    const folder = folderWith('layers', { 'rpa-mock.config.yaml': 'port: 4123\nseed: 7\njobs: 9\nlog: json\n' });
    expect(await resolve(folder, [])).toMatchObject({ port: 4123, seed: 7, jobs: 9, log: 'json', host: '127.0.0.1' });
    expect(await resolve(folder, ['--seed', '8'], { RPA_MOCK_PORT: '4200' })).toMatchObject({ port: 4200, seed: 8, jobs: 9 });
    expect(await resolve(folder, ['-q'])).toMatchObject({ log: 'silent' });
  });
});
