import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { changeJobs, startDriftingMock } from './support/driftingMock';

const bin = path.resolve(__dirname, '../dist/cli/main.js');
const dir = mkdtempSync(path.join(tmpdir(), 'rpa-github-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rpa-mock verify on GitHub Actions', () => {
  it('writes a Markdown table to the job summary, annotates each failed check, and rounds durations', async () => {
    const drifted = await startDriftingMock(changeJobs((job) => (job.status = 'Done')));
    const summary = path.join(dir, 'summary.md');
    const json = path.join(dir, 'report.json');
    try {
      const result = await new Promise<{ status: number; stdout: string }>((resolve) =>
        execFile(
          process.execPath,
          [bin, 'verify', '--base-url', drifted.url, '--max-jobs', '3', '--json', json],
          { env: { ...process.env, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, RPA_TOKEN: '' } },
          (error, stdout) => resolve({ status: error ? Number((error as { code?: number }).code) : 0, stdout }),
        ),
      );
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/^::error title=rpa-mock verify listJobs\/environment-only::.+$/m);
      const table = readFileSync(summary, 'utf8');
      expect(table).toMatch(/^### rpa-mock verify: http:\/\/127\.0\.0\.1:\d+ \(environment 'default'\)$/m);
      expect(table).toMatch(/^\| ❌ \| `listJobs\/environment-only` \| .+ \|$/m);
      expect(table).toMatch(/^\| ✅ \| `getJob\/unknown-id` \|/m);
      const report = JSON.parse(readFileSync(json, 'utf8')) as { durationMs: number; checks: { durationMs: number }[] };
      for (const duration of [report.durationMs, ...report.checks.map((check) => check.durationMs)])
        expect(String(duration)).toMatch(/^\d+(\.\d)?$/);
    } finally {
      await drifted.close();
    }
  });
});
