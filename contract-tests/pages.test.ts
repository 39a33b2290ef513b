import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { close, createMock, createProxy, listen, VirtualClock } from '../src';
import { defaultProxyOptions } from '../src/proxyOptions';
import { defaultReferenceTime } from '../src/options';
import { passwordToken } from './support/gatewayLogin';

/**
 * The pages, end to end in headless Chromium (Debian's, driven by playwright-core). .ci/run installs
 * it; elsewhere the tests are skipped with a note when it is missing. UPDATE_SCREENSHOTS=1 writes
 * the README's screenshots to docs/.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(executablePath);
if (!available && process.env.CI) throw new Error(`Chromium is missing at ${executablePath}; .ci/run installs it`);
if (!available) console.warn(`browser tests skipped: no Chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`);
const updating = Boolean(process.env.UPDATE_SCREENSHOTS);

/** The README's screenshots, taken only when they are being updated: they cost a second and assert nothing. */
async function screenshot(page: Page, name: string): Promise<void> {
  if (updating) await page.screenshot({ path: path.resolve(__dirname, '../docs', name) });
}

(available ? describe : describe.skip)('the pages', () => {
  let browser: Browser;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    // A short list renders quickly in Swagger UI; the screenshots show the default environment of 50 jobs.
    const mock = await createMock(
      { log: 'silent', strict: true, jobs: updating ? 50 : 16 },
      { clock: new VirtualClock(defaultReferenceTime, 'frozen') },
    );
    server = await listen(mock.app, '127.0.0.1', 0);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await close(server);
  });

  it('/docs renders the API reference, and "Try it out" calls the mock', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${url}/docs`);
    await page.locator('.opblock').first().waitFor();
    expect(await page.locator('.opblock-summary-path').allTextContents()).toEqual([
      '/api/v1/rpa/jobs',
      '/api/v1/rpa/jobs/{id}',
      '/api/v1/rpa/jobs/{id}/_execute',
      '/api/v1/rpa/process',
      '/api/v1/rpa/process/{id}',
    ]);
    await page.locator('.opblock-summary', { hasText: '/api/v1/rpa/jobs' }).first().click();
    const operation = page.locator('#operations-Jobs-listJobs');
    await operation.locator('input[placeholder="environment"]').fill('default');
    await operation.locator('button.execute').click();
    await operation.locator('.live-responses-table tbody .response-col_status').first().waitFor();
    expect((await operation.locator('.live-responses-table tbody .response-col_status').first().textContent())?.trim()).toBe('200');
    // The id field holds a job this mock has: the first click answers 200, not 404.
    await page.locator('#operations-Jobs-getJob .opblock-summary').click();
    const getJob = page.locator('#operations-Jobs-getJob');
    await getJob.locator('button.execute').click();
    await getJob.locator('.live-responses-table tbody .response-col_status').first().waitFor();
    expect((await getJob.locator('.live-responses-table tbody .response-col_status').first().textContent())?.trim()).toBe('200');
    await operation.scrollIntoViewIfNeeded();
    await screenshot(page, 'docs.png');
    await page.close();
  }, 60_000);

  it('/__mock/ shows the journal live, executes a job, and advances the clock until the run ends', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${url}/`);
    expect(new URL(page.url()).pathname).toBe('/__mock/');
    // The environments come from the server, and run times carry their date.
    await page.locator('#environment option').first().waitFor({ state: 'attached' });
    expect(await page.locator('#environment option').allTextContents()).toEqual(['default', 'development', 'test', 'production']);
    const row = page.locator('#jobs tbody tr', { has: page.locator('button:not([disabled])') }).first();
    await row.waitFor();
    const jobId = await row.getAttribute('data-job');
    // The job links to its process, which the API answers.
    const processLink = row.locator('a[data-process]');
    const processId = await processLink.getAttribute('data-process');
    expect(await processLink.getAttribute('href')).toBe(`/api/v1/rpa/process/${processId}`);
    const process = (await page.evaluate(async (href) => (await fetch(href)).json(), `/api/v1/rpa/process/${processId}`)) as {
      name: string;
    };
    expect((await processLink.textContent())?.startsWith(process.name)).toBe(true);
    await row.locator('button').click();
    await page
      .locator('#journal tbody tr', { hasText: `POST /api/v1/rpa/jobs/${jobId}/_execute` })
      .locator('.status.s2', { hasText: '202' })
      .waitFor();
    const job = page.locator(`#jobs tr[data-job="${jobId}"]`);
    await job.locator('.runs li').last().locator('.status.queued').waitFor();
    await page.locator('button[data-advance="60"]').click();
    await job.locator('.runs li').last().locator('.status.completed, .status.failed').waitFor();
    expect(await job.locator('.runs li').last().textContent()).toMatch(/queued 2026-03-14 \d\d:\d\d:\d\d/);
    expect(await page.locator('#journal tbody tr').first().locator('.status.valid').count()).toBe(2);
    await screenshot(page, 'inspector.png');
    await page.close();
  }, 60_000);

  it('behind the gateway, /__mock/ with a token of its names who started each run, and /docs gets tokens there', async () => {
    const mock = await createMock(
      { log: 'silent', strict: true, jobs: 16, gateway: 'ACME_TST' },
      { clock: new VirtualClock(defaultReferenceTime, 'frozen') },
    );
    const gatewayServer = await listen(mock.app, '127.0.0.1', 0);
    const origin = `http://127.0.0.1:${(gatewayServer.address() as AddressInfo).port}`;
    try {
      const file = mock.gateway!.ionApi({ origin, user: 'process-admin' });
      const token = await passwordToken(file);
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`${origin}/__mock/`);
      await page.locator('#token').fill(token);
      await page.locator('#token').dispatchEvent('change');
      const row = page.locator('#jobs tbody tr', { has: page.locator('button:not([disabled])') }).first();
      await row.waitFor();
      await row.locator('button').click();
      const person = mock.gateway!.users.find((user) => user.key === 'process-admin')!.person;
      await row.locator('.runs li', { hasText: `by ${person.display_name} (RPA-Process_Admin)` }).waitFor();
      const docs = (await page.evaluate(async () => (await fetch('/docs/openapi.json')).json())) as {
        servers: { url: string }[];
        components: { securitySchemes: { ionApiBearer: { flows: { password: { tokenUrl: string } } } } };
      };
      expect(docs.servers[0]!.url).toBe('/ACME_TST/RPA');
      expect(docs.components.securitySchemes.ionApiBearer.flows.password.tokenUrl).toBe('/ACME_TST/as/token.oauth2');
      await page.close();
    } finally {
      await close(gatewayServer);
    }
  }, 60_000);

  it('/__mock/ of the proxy shows its upstream and no clock, and lists the jobs the upstream serves', async () => {
    const proxy = await createProxy({ ...defaultProxyOptions, upstream: url, port: 0, log: 'silent' });
    const proxyServer = await listen(proxy.app, '127.0.0.1', 0);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await page.goto(`http://127.0.0.1:${(proxyServer.address() as AddressInfo).port}/__mock/`);
      await page.locator('#upstream-url', { hasText: url }).waitFor();
      expect(await page.locator('#clock').isHidden()).toBe(true);
      expect(await page.locator('#environment-name').inputValue()).toBe('default');
      await page.locator('#jobs tbody tr').first().waitFor();
      expect(await page.locator('#error').isHidden()).toBe(true);
      await screenshot(page, 'inspector-proxy.png');
    } finally {
      await page.close();
      await close(proxyServer);
    }
  }, 60_000);
});
