import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..');

/**
 * The package as an app installs it: packed, installed from the tarball into an empty folder with
 * no dev toolchain, then its CLI and entries used from there. It installs from the npm registry, so
 * it runs when RPA_MOCK_PACKAGE_TEST=1 (CI sets it) and is skipped with a note otherwise.
 */
const enabled = process.env.RPA_MOCK_PACKAGE_TEST === '1';
if (!enabled) console.warn('package test skipped: set RPA_MOCK_PACKAGE_TEST=1 to pack, install and run the package');

(enabled ? describe : describe.skip)('the installed package', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rpa-package-'));
  const app = path.join(dir, 'app');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    const tarball = path.join(dir, stdout.trim().split('\n').at(-1)!);
    await run('mkdir', ['-p', app]);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'an-app', version: '1.0.0', private: true }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--omit=dev', tarball, 'msw@2'], { cwd: app, maxBuffer: 16 * 1024 * 1024 });
  }, 300_000);

  it('serves with npx rpa-mock serve', async () => {
    // Its own process group: npx starts the server as a child of its own, and both must stop.
    const child = spawn('npx', ['rpa-mock', 'serve', '--port', '0', '--seed', '7'], {
      cwd: app,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const found = /listening on (http:\/\/\S+)/.exec(stderr);
          if (found) resolve(found[1]!);
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
      });
      const response = await fetch(`${url}/api/v1/rpa/jobs?environment=default`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { count: number }).count).toBeGreaterThan(0);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  }, 60_000);

  it('offers its entries: the library, rpa-mock/types, rpa-mock/client and rpa-mock/msw', async () => {
    // An ES module, as apps write them: on Node 20, msw's own dependencies load only through import.
    const script = `
      import { createMock } from 'rpa-mock';
      import { createRpaClient } from 'rpa-mock/client';
      import 'rpa-mock/types';
      import { createHandlers } from 'rpa-mock/msw';
      import { setupServer } from 'msw/node';
      if (typeof createMock !== 'function') throw new Error('no createMock');
      const server = setupServer(...createHandlers({ seed: 7, clock: 'frozen' }));
      server.listen({ onUnhandledRequest: 'error' });
      const rpa = createRpaClient({ baseUrl: 'http://rpa.test' });
      const { data, response } = await rpa.GET('/api/v1/rpa/jobs', { params: { query: { environment: 'default' } } });
      server.close();
      process.stdout.write(JSON.stringify({ status: response.status, count: data.count }));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: app });
    const result = JSON.parse(stdout) as { status: number; count: number };
    expect(result.status).toBe(200);
    expect(result.count).toBeGreaterThan(0);
  }, 60_000);
});
