import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The CLI is tested as users run it: the built bin (npm test builds first), in a child process.
const bin = path.resolve(__dirname, '../../dist/cli/main.js');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dir = mkdtempSync(path.join(tmpdir(), 'rpa-cli-'));

function run(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000 });
}

/** Starts `rpa-mock serve` and resolves with its URL once it listens. */
function serve(...args: string[]) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(stderr);
      if (found) resolve(found[1]!);
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url, exited, stderr: () => stderr };
}

describe('rpa-mock', () => {
  it('explains every command with --help and exits 0', () => {
    for (const args of [['--help'], ['serve', '--help'], ['fixtures', '--help'], ['verify', '--help'], ['proxy', '--help']]) {
      const result = run(...args);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/Usage: rpa-mock/);
    }
    expect(run('serve', '--help').stdout).toMatch(
      /--seed <seed>[\s\S]*--jobs <count>[\s\S]*--fixtures <file>[\s\S]*--strict[\s\S]*--auth-token/,
    );
  });

  it('refuses a bad flag or value with a clear message and exit 2', () => {
    const unknown = run('serve', '--bogus');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--bogus'/);
    const port = run('serve', '--port', 'http');
    expect(port.status).toBe(2);
    expect(port.stderr).toMatch(/port must be a whole number from 0 to 65535/);
    const now = run('serve', '--now', 'yesterday');
    expect(now.status).toBe(2);
    expect(now.stderr).toMatch(/RFC 3339/);
    expect(run('launch').status).toBe(2);
    const proxy = run('proxy');
    expect(proxy.status).toBe(2);
    expect(proxy.stderr).toMatch(/required option '--upstream <url>' not specified/);
    expect(run('serve', '--latency', 'slow').stderr).toMatch(/expected milliseconds, such as 100, or a range such as 50-400/);
    expect(run('serve', '--error-rate', '2').status).toBe(2);
  });

  it('refuses a port in use with a clear message and exit 2', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const result = run('serve', '--port', String(port));
    blocker.close();
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`rpa-mock: port ${port} on 127.0.0.1 is already in use; choose another with --port\n`);
  });

  it('refuses a bad fixture file with exit 2 and the JSON pointer and rule, serving nothing', () => {
    const fixture = JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/seed-42.json'), 'utf8'));
    fixture.jobs[2].active = 'yes';
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(fixture));
    const result = run('serve', '--port', '0', '--fixtures', file);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/\/jobs\/2\/active: fixture at \/jobs\/2\/active must be boolean \(rule: type\)/);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses a broken spec file with exit 2', () => {
    const spec = path.join(dir, 'broken.yaml');
    writeFileSync(spec, 'openapi: 3.1.0\ninfo: {}\npaths: 12\n');
    const result = run('serve', '--port', '0', '--spec', spec);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^rpa-mock: The spec .*broken\.yaml cannot be used/);
  });

  it('writes a fixture file that serve --fixtures reads', async () => {
    const file = path.join(dir, 'seed-7.json');
    const written = run('fixtures', '--seed', '7', '--jobs', '12', '--out', file);
    expect(written.status).toBe(0);
    const fixture = JSON.parse(readFileSync(file, 'utf8'));
    expect(fixture.jobs).toHaveLength(12);
    const server = serve('--fixtures', file, '--log-format', 'json');
    const url = await server.url;
    const defaultId = fixture.environments.find((e: { name: string }) => e.name === 'default').environment_id;
    const expected = fixture.jobs.filter(
      (job: { environment_id: string; type: string }) => job.environment_id === defaultId && job.type === 'Unattended',
    );
    const response = await fetch(`${url}/api/v1/rpa/jobs?environment=default`);
    expect(await response.json()).toEqual({ count: expected.length, jobs: expected });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('serves until SIGTERM, then closes cleanly with exit 0', async () => {
    const server = serve('--seed', '9', '--auth-token', 'tok-123456');
    const url = await server.url;
    const response = await fetch(`${url}/api/v1/rpa/jobs?environment=default`, { headers: { Authorization: 'Bearer tok-123456' } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { count: number }).count).toBeGreaterThan(0);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.stderr()).not.toContain('tok-123456');
  });

  it('exits 0 on SIGTERM while still starting, before the port opens', async () => {
    // The spec is a FIFO: opening its other end returns once serve reads the spec, that is while
    // it starts, so the signal arrives then, without a guess at timing.
    const fifo = path.join(dir, 'spec-fifo.yaml');
    spawnSync('mkfifo', [fifo]);
    const server = serve('--spec', fifo);
    server.url.catch(() => undefined); // it never listens
    const writer = await open(fifo, 'w');
    server.child.kill('SIGTERM');
    // Exiting waits for the read of the spec in progress; ending the FIFO lets it return.
    await writer.close();
    expect(await server.exited).toBe(0);
  });
});
