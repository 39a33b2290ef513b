import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { routeRpaMock } from '../src/playwright';
import { jobsPath, startMock } from './support/startMock';

/** rpa-mock/playwright, as an end-to-end test uses it: Debian's Chromium, driven by playwright-core. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(executablePath);
if (!available && process.env.CI) throw new Error(`Chromium is missing at ${executablePath}; .ci/run installs it`);

const app = 'https://app.example.com';

/** A page of an app at `app`, whose own page the test serves: the API is the adapter's. */
async function appPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.route(`${app}/`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>app</title>' }),
  );
  await page.goto(`${app}/`);
  return page;
}

const call = (page: Page, path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  page.evaluate(
    async ([url, options]) => {
      const response = await fetch(url, options);
      return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
    },
    [`${app}${path}`, init] as const,
  );

(available ? describe : describe.skip)('rpa-mock/playwright', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  }, 60_000);
  afterAll(() => browser?.close());

  it('answers a page byte for byte as serve does, and an unknown API path with its 404', async () => {
    const page = await appPage(browser);
    const rpa = await routeRpaMock(page, { baseUrl: app, seed: 7, jobs: 30, clock: 'frozen', strict: true });
    const { http } = await startMock({ seed: 7, jobs: 30 });
    for (const path of [
      `${jobsPath}?environment=default`,
      `${jobsPath}?environment=test&type=Attended`,
      '/api/v1/rpa/process?environment=default',
      `${jobsPath}?type=x`,
    ]) {
      const served = await http.get(path);
      const routed = await call(page, path);
      expect({ path, status: routed.status, text: routed.text }).toEqual({ path, status: served.status, text: served.text });
      expect(routed.type).toBe(served.headers['content-type']!.split(';')[0]);
    }
    // The control surface, by the MSW handlers' names: one forced answer, then the mock's own again.
    rpa.forceNext('listJobs', { status: 503 });
    expect((await call(page, `${jobsPath}?environment=default`)).status).toBe(503);
    expect((await call(page, `${jobsPath}?environment=default`)).status).toBe(200);
    const unknown = await call(page, '/api/v1/rpa/robots');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toMatchObject({ type: 'not_found' });
    await rpa.unroute();
    await page.close();
  }, 30_000);

  it('has one reset that returns runs, clock and scenario to the start', async () => {
    const page = await appPage(browser);
    const rpa = await routeRpaMock(page, { baseUrl: app, seed: 7, jobs: 30, clock: 'frozen', scenario: { errorRate: 0 } });
    const jobs = JSON.parse((await call(page, `${jobsPath}?environment=default`)).text).jobs as { id: string; active: boolean }[];
    const job = jobs.find((candidate) => candidate.active)!;
    const before = JSON.parse((await call(page, `${jobsPath}/${job.id}`)).text);
    expect((await call(page, `${jobsPath}/${job.id}/_execute`, { method: 'POST' })).status).toBe(202);
    const start = rpa.clock.now();
    rpa.clock.advance(3_600_000);
    expect(JSON.parse((await call(page, `${jobsPath}/${job.id}`)).text).job_instances.length).toBe(before.job_instances.length + 1);
    await rpa.reset();
    expect(rpa.clock.now()).toBe(start);
    expect((await call(page, `${jobsPath}/${job.id}`)).text).toBe(JSON.stringify(before));
    await page.close();
  }, 30_000);

  it('stands in for the gateway too: an app logs in with the .ionapi file it gives', async () => {
    const page = await appPage(browser);
    const rpa = await routeRpaMock(page, { baseUrl: app, gateway: 'ACME_TST', tokenLifetime: 60 });
    const file = rpa.ionApi({ user: 'process-admin' });
    const token = await page.evaluate(async (f) => {
      const body = new URLSearchParams({
        grant_type: 'password',
        username: f.saak!,
        password: f.sask!,
        client_id: f.ci,
        client_secret: f.cs,
      });
      const answer = await fetch(f.pu + f.ot, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
      return ((await answer.json()) as { access_token: string }).access_token;
    }, file);
    const jobs = await call(page, `/ACME_TST/RPA${jobsPath}?environment=default`, { headers: { Authorization: `Bearer ${token}` } });
    expect(jobs.status).toBe(200);
    expect((await call(page, `/ACME_TST/RPA${jobsPath}?environment=default`)).status).toBe(401);
    await page.close();
  }, 30_000);
});
