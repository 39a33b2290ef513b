import { execFile } from 'node:child_process';
import { existsSync, writeFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { changeJobs, startDriftingMock } from './support/driftingMock';

const root = path.resolve(__dirname, '..');
const script = path.join(root, 'scripts/action-verify.sh');

/** The action's verify step as GitHub runs it: its inputs as environment variables. */
function runStep(inputs: Record<string, string>, cwd: string) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
    execFile('bash', [script], { cwd, env: { ...process.env, RPA_TOKEN: '', RPA_BASE_URL: '', ...inputs } }, (error, stdout, stderr) =>
      resolve({ status: error ? Number((error as { code?: number }).code) : 0, stdout, stderr }),
    ),
  );
}

describe('action.yml', () => {
  it('declares its inputs and runs the verify script', () => {
    const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as { inputs: object; runs: { steps: { run: string }[] } };
    expect(Object.keys(action.inputs)).toEqual(['base-url', 'ionapi', 'token', 'overlay', 'environment', 'allow-execute', 'check', 'args']);
    expect(action.runs.steps.at(-1)!.run).toContain('scripts/action-verify.sh');
  });

  it("passes a conforming server, fails a drifted one with verify's exit code, and writes the reports", async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'rpa-action-'));
    const good = await startDriftingMock((p) => p);
    const bad = await startDriftingMock(changeJobs((job) => (job.status = 'Done')));
    try {
      const passed = await runStep({ RPA_BASE_URL: good.url, RPA_ACTION_ARGS: '--max-jobs 3' }, cwd);
      expect(passed.status).toBe(0);
      expect(existsSync(path.join(cwd, 'rpa-verify.xml'))).toBe(true);
      expect(existsSync(path.join(cwd, 'rpa-verify.json'))).toBe(true);
      const failed = await runStep({ RPA_BASE_URL: bad.url, RPA_ACTION_ARGS: '--max-jobs 3', RPA_ACTION_ALLOW_EXECUTE: 'true' }, cwd);
      expect(failed.status).toBe(1);
      expect(failed.stdout).toMatch(/FAIL listJobs\/environment-only/);
      // With `check`: calibrate --check against a committed calibration, the step failing when the tenant moved.
      const overlay = path.join(cwd, 'committed.overlay.yaml');
      writeFileSync(overlay, 'overlay: 1.0.0\ninfo: { title: the spec as it is, version: 1.0.0 }\nactions: []\n');
      const matches = await runStep({ RPA_BASE_URL: good.url, RPA_ACTION_CHECK: overlay, RPA_ACTION_ARGS: '--max-jobs 3' }, cwd);
      expect(matches.stdout).toMatch(/The tenant still matches/);
      expect(matches.status).toBe(0);
      expect(existsSync(path.join(cwd, 'rpa-calibration.overlay.yaml'))).toBe(true);
      const moved = await runStep({ RPA_BASE_URL: bad.url, RPA_ACTION_CHECK: overlay, RPA_ACTION_ARGS: '--max-jobs 3' }, cwd);
      expect(moved.stdout).toMatch(/The tenant moved since/);
      expect(moved.status).toBe(1);
    } finally {
      await good.close();
      await bad.close();
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
