import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import request from 'supertest';
import { createMock } from '../src';

/**
 * The MSW handlers in a real browser: rpa-mock/msw bundled with esbuild for the browser (which
 * fails on any Node import), served under setupWorker in Debian's Chromium, answering the page's
 * fetch with the bytes the server sends. Skipped with a note without Chromium, except in CI.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(executablePath);
if (!available && process.env.CI) throw new Error(`Chromium is missing at ${executablePath}; .ci/run installs it`);
const root = path.resolve(__dirname, '..');

const app = `
  import { setupWorker } from 'msw/browser';
  import { createHandlers } from ${JSON.stringify(path.join(root, 'dist/msw.js'))};
  const worker = setupWorker(...createHandlers({ seed: 7, clock: 'frozen' }));
  worker.start({ quiet: true, onUnhandledRequest: 'bypass' }).then(async () => {
    const list = await fetch('/api/v1/rpa/jobs?environment=default');
    const missing = await fetch('/api/v1/rpa/jobs/6f0c2a4e-9d1b-4c7a-8e3f-2b5d7a9c1e05');
    window.result = { list: { status: list.status, body: await list.text() }, missing: { status: missing.status, body: await missing.text() } };
  }, (error) => (window.result = { error: String(error) }));
`;

(available ? describe : describe.skip)('rpa-mock/msw in the browser', () => {
  let server: Server;
  let bundle: string;

  beforeAll(async () => {
    const built = await build({
      stdin: { contents: app, resolveDir: root },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      minify: true,
      write: false,
    });
    bundle = built.outputFiles[0]!.text;
    const files: Record<string, [string, string]> = {
      '/': ['text/html', '<!doctype html><title>rpa-mock/msw</title><script src="/app.js"></script>'],
      '/app.js': ['text/javascript', bundle],
      '/mockServiceWorker.js': ['text/javascript', readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8')],
    };
    server = createServer((req, res) => {
      const file = files[req.url ?? ''];
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': file[0] }).end(file[1]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }, 60_000);
  afterAll(() => new Promise((resolve) => server?.close(resolve)));

  it('serves the jobs through setupWorker with the bytes of rpa-mock serve', async () => {
    const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.waitForFunction(() => (globalThis as unknown as { result?: unknown }).result !== undefined, undefined, {
        timeout: 20_000,
      });
      const result = await page.evaluate(() => (globalThis as unknown as { result: unknown }).result);
      const { app: mock } = await createMock({ seed: 7, clock: 'frozen', log: 'silent' });
      const list = await request(mock).get('/api/v1/rpa/jobs').query({ environment: 'default' });
      const missing = await request(mock).get('/api/v1/rpa/jobs/6f0c2a4e-9d1b-4c7a-8e3f-2b5d7a9c1e05');
      expect(result).toEqual({ list: { status: 200, body: list.text }, missing: { status: 404, body: missing.text } });
      console.info(`rpa-mock/msw browser bundle, with msw: ${(bundle.length / 1024).toFixed(0)} KB minified`);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
