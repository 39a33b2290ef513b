import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startDriftingMock } from './support/driftingMock';
import { camelCase, renameKeys, reshapeBodies } from './support/reshape';

/**
 * verify --html: the report opened in headless Chromium as a reader opens it. UPDATE_SCREENSHOTS=1
 * writes the README's screenshot to docs/verify-report.png.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(executablePath);
if (!available && process.env.CI) throw new Error(`Chromium is missing at ${executablePath}; .ci/run installs it`);
const bin = path.resolve(__dirname, '../dist/cli/main.js');
const dir = mkdtempSync(path.join(tmpdir(), 'rpa-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  return new Promise<{ status: number; stdout: string }>((resolve) => {
    const env = { ...process.env, RPA_BASE_URL: undefined, RPA_TOKEN: undefined, RPA_IONAPI: undefined, GITHUB_STEP_SUMMARY: undefined };
    execFile(process.execPath, [bin, ...args], { timeout: 60_000, env }, (error, stdout) =>
      resolve({ status: error ? Number((error as { code?: number }).code) : 0, stdout }),
    );
  });
}

(available ? describe : describe.skip)('verify --html', () => {
  it('writes one self-contained page that shows the verdict, root causes, checks, coverage and charts', async () => {
    // A tenant in camelCase: root causes to show, and a failing verdict.
    const tenant = await startDriftingMock(reshapeBodies((body) => renameKeys(body, camelCase)));
    const html = path.join(dir, 'report.html');
    const json = path.join(dir, 'report.json');
    try {
      const result = await run(
        'verify',
        '--base-url',
        tenant.url,
        '--max-jobs',
        '3',
        '--allow-execute',
        '--negative',
        '20',
        '--html',
        html,
        '--json',
        json,
      );
      expect(result.status).toBe(1);
    } finally {
      await tenant.close();
    }
    const text = readFileSync(html, 'utf8');
    // Nothing fetched from anywhere: no script, no stylesheet or image by URL.
    expect(text).not.toMatch(/<script|<link|src=|url\(/i);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(`file://${html}`);
      expect(requests).toEqual([`file://${html}`]);
      expect(await page.locator('header.verdict.failed h1').textContent()).toBe('The tenant breaks the contract');
      expect(await page.locator('table.checks tbody tr').count()).toBe(report.checks.length);
      expect(await page.locator('.causes li').count()).toBe(report.rootCauses.length);
      expect(await page.locator('.causes li .provenance').first().textContent()).toMatch(/x-inferred|documented/);
      expect(await page.locator('svg').count()).toBe(3);
      expect(await page.locator('table.matrix tbody tr').count()).toBe(5);
      expect(await page.locator('section:has(table.matrix)').textContent()).toContain(`coverage ${report.coverage.percent} %`);
      // Every bar has a size, and nothing overflows the page's width.
      const widths = await page.locator('svg rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
      expect(widths.every((w) => Number.isFinite(w) && w >= 0)).toBe(true);
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      if (process.env.UPDATE_SCREENSHOTS)
        await page.screenshot({ path: path.resolve(__dirname, '../docs/verify-report.png'), fullPage: false });
    } finally {
      await browser.close();
    }
    expect(statSync(html).size).toBeLessThan(200_000);
  }, 60_000);
});
