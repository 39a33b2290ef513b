import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDriftingMock } from './support/driftingMock';
import { reshapeJobs, upper } from './support/reshape';

const bin = path.resolve(__dirname, '../dist/cli/main.js');
const dir = mkdtempSync(path.join(tmpdir(), 'rpa-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    const env = { ...process.env, RPA_BASE_URL: undefined, RPA_TOKEN: undefined, RPA_IONAPI: undefined, GITHUB_STEP_SUMMARY: undefined };
    execFile(process.execPath, [bin, ...args], { timeout: 60_000, env }, (error, stdout, stderr) =>
      resolve({ status: error ? Number((error as { code?: number }).code) : 0, stdout, stderr }),
    );
  });
}

/** A tenant that shouts its statuses; later, one that also sends its priorities as text. */
const shouting = reshapeJobs((job) => ({ ...job, status: upper(job.status) }));
const movedOn = reshapeJobs((job) => ({ ...job, status: upper(job.status), priority: String(job.priority) }));

describe('calibrate --check and rpa-mock diff, as a nightly job runs them', () => {
  it('says the tenant still matches its committed calibration, then that it moved, and what moved', async () => {
    const overlay = path.join(dir, 'tenant.overlay.yaml');
    const tenant = await startDriftingMock(shouting);
    try {
      expect((await run('calibrate', '--base-url', tenant.url, '--out', overlay)).status).toBe(0);
      const same = await run('calibrate', '--base-url', tenant.url, '--check', overlay);
      expect(same.stdout).toMatch(/The tenant still matches .*tenant\.overlay\.yaml/);
      expect(same.status).toBe(0);
    } finally {
      await tenant.close();
    }
    const later = await startDriftingMock(movedOn);
    try {
      const fresh = path.join(dir, 'fresh.overlay.yaml');
      const moved = await run('calibrate', '--base-url', later.url, '--check', overlay, '--out', fresh);
      expect(moved.stdout).toMatch(/The tenant moved since .*tenant\.overlay\.yaml: \d+ changes?/);
      expect(moved.stdout).toMatch(
        /moved: response-property-type-changed {2}(listJobs|getJob): .*priority was integer, is now (integer or )?string/,
      );
      expect(moved.status).toBe(1);
      // The same changes through the diff, last month's calibration against tonight's.
      const diff = await run('diff', '--old-overlay', overlay, '--new-overlay', fresh, '--format', 'markdown');
      expect(diff.stdout).toMatch(/\| ❌ breaking \| `response-property-type-changed` \| (listJobs|getJob) \|/);
      expect(diff.status).toBe(1);
      const json = JSON.parse((await run('diff', '--old-overlay', overlay, '--new-overlay', fresh, '--format', 'json')).stdout);
      expect(json.breaking).toBeGreaterThan(0);
      // A retype breaks the reader both ways; a calibration against itself changes nothing.
      expect((await run('diff', '--old-overlay', fresh, '--new-overlay', overlay)).status).toBe(1);
      const itself = await run('diff', '--old-overlay', fresh, '--new-overlay', fresh);
      expect([itself.status, itself.stdout]).toEqual([
        0,
        'rpa-mock diff the bundled spec + fresh.overlay.yaml → the bundled spec + fresh.overlay.yaml: no change\n',
      ]);
    } finally {
      await later.close();
    }
  }, 60_000);

  it('refuses a run with neither --out nor --check, and a committed overlay that cannot be read, with exit 2', async () => {
    const neither = await run('calibrate', '--base-url', 'http://127.0.0.1:9');
    expect(neither.status).toBe(2);
    expect(neither.stderr).toMatch(/calibrate needs --out <file> .*or --check <overlay>/);
    const missing = await run('calibrate', '--base-url', 'http://127.0.0.1:9', '--check', path.join(dir, 'nope.yaml'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml/);
    const diff = await run('diff', 'no-such-spec.yaml');
    expect(diff.status).toBe(2);
    expect(readFileSync(bin, 'utf8').length).toBeGreaterThan(0);
  });
});
