import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The CLI is tested as users run it: the built bin (npm test builds first), in a child process.
const bin = path.resolve(__dirname, '../../dist/cli/main.js');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dir = mkdtempSync(path.join(tmpdir(), 'rpa-cli-'));

/** Runs the CLI to its end; several runs go side by side, as each mostly waits on start-up. */
function run(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
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
  it('explains every command with --help and exits 0', async () => {
    const commands = [
      ['--help'],
      ['serve', '--help'],
      ['fixtures', '--help'],
      ['verify', '--help'],
      ['proxy', '--help'],
      ['ionapi', '--help'],
    ];
    const results = await Promise.all(commands.map((args) => run(...args)));
    for (const result of results) {
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/Usage: rpa-mock/);
    }
    expect(results[1]!.stdout).toMatch(/--seed <seed>[\s\S]*--jobs <count>[\s\S]*--fixtures <file>[\s\S]*--strict[\s\S]*--auth-token/);
  });

  it('refuses a bad flag or value with a clear message and exit 2', async () => {
    const [unknown, port, now, leapSecond, launch, proxy, latency, errorRate] = await Promise.all([
      run('serve', '--bogus'),
      run('serve', '--port', 'http'),
      run('serve', '--now', 'yesterday'),
      run('fixtures', '--now', '2026-12-31T23:59:60Z'),
      run('launch'),
      run('proxy'),
      run('serve', '--latency', 'slow'),
      run('serve', '--error-rate', '2'),
    ]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--bogus'/);
    expect(port.status).toBe(2);
    expect(port.stderr).toMatch(/port must be a whole number from 0 to 65535/);
    expect(now.status).toBe(2);
    expect(now.stderr).toMatch(/RFC 3339/);
    expect(leapSecond.status).toBe(2);
    expect(leapSecond.stderr).toMatch(/second 60 \(a leap second\), which the clock cannot represent/);
    expect(launch.status).toBe(2);
    expect(proxy.status).toBe(2);
    expect(proxy.stderr).toMatch(/required option '--upstream <url>' not specified/);
    expect(latency.status).toBe(2);
    expect(latency.stderr).toMatch(
      /'--latency <ms>' argument 'slow' is invalid\. expected milliseconds: a whole number such as 100, or a range such as 50-400/,
    );
    expect(latency.stderr).not.toMatch(/scenario/);
    expect(errorRate.status).toBe(2);
    expect(errorRate.stderr).toMatch(/\/errorRate: scenario at \/errorRate must be <= 1/);
  });

  it('takes `rpa-mock mock [spec]` as Prism users type it, the spec as --spec', async () => {
    const [help, missing] = await Promise.all([run('mock', '--help'), run('mock', path.join(dir, 'no-such-spec.yaml'), '--port', '0')]);
    expect(help.stdout).toMatch(/Usage: rpa-mock mock \[options\] \[spec\]/);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^rpa-mock: The spec .*no-such-spec\.yaml cannot be used/);
  });

  it('refuses a spec it cannot serve with exit 2, naming the operation: no operationId, no 2xx answer', async () => {
    const spec = (paths: string) => `openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths:\n${paths}`;
    const noId = path.join(dir, 'no-operation-id.yaml');
    writeFileSync(noId, spec("  /a:\n    get:\n      responses:\n        '200': { description: ok }\n"));
    const no2xx = path.join(dir, 'no-2xx.yaml');
    writeFileSync(no2xx, spec("  /b:\n    get:\n      operationId: getB\n      responses:\n        '404': { description: gone }\n"));
    const [first, second] = await Promise.all([run('serve', '--spec', noId, '--port', '0'), run('serve', '--spec', no2xx, '--port', '0')]);
    expect(first.status).toBe(2);
    expect(first.stderr).toMatch(/^rpa-mock: The spec .*no-operation-id\.yaml cannot be used: GET \/a has no operationId\n$/);
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/^rpa-mock: The spec .*no-2xx\.yaml cannot be used: .*getB.* declares no 2xx answer\n$/);
  });

  it('refuses a port in use with a clear message and exit 2', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const result = await run('serve', '--port', String(port));
    blocker.close();
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`rpa-mock: port ${port} on 127.0.0.1 is already in use; choose another with --port\n`);
  });

  it('refuses a bad fixture file with exit 2 and the JSON pointer and rule, serving nothing', async () => {
    const fixture = JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/seed-42.json'), 'utf8'));
    fixture.jobs[2].active = 'yes';
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(fixture));
    const result = await run('serve', '--port', '0', '--fixtures', file);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/\/jobs\/2\/active: fixture at \/jobs\/2\/active must be boolean \(rule: type\)/);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses a broken spec file with exit 2', async () => {
    const spec = path.join(dir, 'broken.yaml');
    writeFileSync(spec, 'openapi: 3.1.0\ninfo: {}\npaths: 12\n');
    const result = await run('serve', '--port', '0', '--spec', spec);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^rpa-mock: The spec .*broken\.yaml cannot be used/);
  });

  it('writes a fixture file that serve --fixtures reads, at the instant it was written at', async () => {
    const file = path.join(dir, 'seed-7.json');
    const written = await run('fixtures', '--seed', '7', '--jobs', '12', '--now', '2025-01-01T00:00:00Z', '--out', file);
    expect(written.status).toBe(0);
    const fixture = JSON.parse(readFileSync(file, 'utf8'));
    expect(fixture.jobs).toHaveLength(12);
    const server = serve('--fixtures', file, '--log-format', 'json');
    const url = await server.url;
    const defaultId = fixture.environments.find((e: { name: string }) => e.name === 'default').environment_id;
    const expected = fixture.jobs.filter(
      (job: { environment_id: string; type: string }) => job.environment_id === defaultId && job.type === 'Unattended',
    );
    // The jobs as written: the clock starts where the file was made, so no schedule has fired since.
    expect(server.stderr()).toMatch(/clock: {2}running, now 2025-01-01T00:00:00/);
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
    expect(server.stderr()).toContain(`curl -H 'Authorization: Bearer <your --auth-token>' '${url}/api/v1/rpa/jobs?environment=default'`);
  });

  it.each([
    ['npx', { npm_command: 'exec' }],
    ['npm start', { npm_command: 'run-script', npm_lifecycle_event: 'start', npm_package_name: 'rpa-mock' }],
  ])('under %s, closes once npm and its shell are gone, rather than stay orphaned on its port', async (_name, npmEnv) => {
    // npm starts the server through a shell and hands a stop signal to that shell only; here the
    // shell is killed outright, as it ends on that signal without passing it on.
    const shell = spawn('sh', ['-c', `"${process.execPath}" "${bin}" serve --port 0 & wait`], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...npmEnv },
    });
    let stderr = '';
    const listening = new Promise<void>((resolve) =>
      shell.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('listening on')) resolve();
      }),
    );
    // The pipe ends when its last writer, the server, has exited.
    const ended = new Promise((resolve) => shell.stderr.on('close', resolve));
    await listening;
    shell.kill('SIGKILL');
    await ended;
    expect(stderr).toContain('rpa-mock: npm, which started it, ended, closing');
  });

  it('ends quietly with exit 0 when its reader stops early, as `rpa-mock fixtures | head -1` does', async () => {
    const child = spawn(process.execPath, [bin, 'fixtures', '--jobs', '400'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy();
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('keeps its exit code when its reader stops early: a failing verify piped to head still fails', async () => {
    const server = serve('--error-rate', '1');
    const url = await server.url;
    const child = spawn(process.execPath, [bin, 'verify', '--base-url', url, '--retries', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy();
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).not.toBe(0);
    expect(stderr).not.toMatch(/EPIPE|at .*\.js:\d+/);
    server.child.kill('SIGTERM');
    await server.exited;
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
