import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { close, createMock, listen } from '../src';
import { exitCodeOf, runContract } from '../src/contract';
import type { Job } from '../src/spec/types';

const bin = path.resolve(__dirname, '../dist/cli/main.js');
const dir = mkdtempSync(path.join(tmpdir(), 'rpa-record-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runCli(...args: string[]) {
  return new Promise<{ status: number; stderr: string }>((resolve) => {
    const env = { ...process.env, RPA_BASE_URL: undefined, RPA_TOKEN: undefined, RPA_IONAPI: undefined };
    execFile(process.execPath, [bin, ...args], { timeout: 30_000, env }, (error, _stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: number }).code) : 0, stderr });
    });
  });
}

/** Every value of the fields the spec marks personal, as the tenant served them. */
function personalValues(jobs: Job[]): string[] {
  return [
    ...new Set(
      jobs.flatMap((job) => [
        job.job_context.user_identifier,
        job.job_context.device_name,
        job.job_context.user_name,
        job.job_context.user_details.id,
        job.job_context.user_details.display_name,
        job.job_context.user_details.email,
        job.metadata.created_by,
        job.metadata.updated_by,
      ]),
    ),
  ].filter((value): value is string => typeof value === 'string');
}

describe('rpa-mock record', () => {
  it('records a tenant as a fixture file that serve --fixtures accepts, with no personal value left', async () => {
    const tenant = await createMock({ log: 'silent', seed: 7, jobs: 30, clock: 'frozen' });
    const tenantServer = await listen(tenant.app, '127.0.0.1', 0);
    const upstream = `http://127.0.0.1:${(tenantServer.address() as AddressInfo).port}`;
    try {
      const out = path.join(dir, 'recorded', 'tenant.json');
      const before = Date.now();
      const result = await runCli('record', '--upstream', upstream, '--out', out, '--seed', '3');
      expect(result.stderr).toMatch(/recorded \d+ jobs of 'default' to .*tenant\.json, personal data replaced \(seed 3\)/);
      expect(result.status).toBe(0);
      const text = readFileSync(out, 'utf8');
      const served = (await (await fetch(`${upstream}/api/v1/rpa/jobs?environment=default`)).json()) as { jobs: Job[] };
      const real = personalValues(served.jobs);
      expect(real.length).toBeGreaterThan(5);
      for (const value of real) expect(text).not.toContain(value);
      const recorded = JSON.parse(text) as { jobs: Job[] };
      expect(recorded.jobs.map((job) => job.id)).toEqual(served.jobs.map((job) => job.id));
      // Consistent: one real person, one fake, wherever they appear.
      const byReal = new Map<string, Set<string>>();
      served.jobs.forEach((job, i) => {
        const fakeJob = recorded.jobs[i]!;
        const pairs: [string, string][] = [
          [job.job_context.user_name, fakeJob.job_context.user_name],
          [job.job_context.user_details.display_name, fakeJob.job_context.user_details.display_name],
          [job.metadata.created_by, fakeJob.metadata.created_by],
        ];
        for (const [realName, fakeName] of pairs) byReal.set(realName, (byReal.get(realName) ?? new Set()).add(fakeName));
      });
      expect([...byReal.values()].every((fakes) => fakes.size === 1)).toBe(true);

      // The file names the instant it was recorded at, and serve --fixtures starts its clock there.
      const { generated } = JSON.parse(text) as { generated: { now: string } };
      expect(Date.parse(generated.now)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(generated.now)).toBeLessThanOrEqual(Date.now());
      const replay = await createMock({ log: 'silent', fixtures: out, strict: true });
      expect(replay.clock.now() - Date.parse(generated.now)).toBeLessThan(60_000);
      const replayServer = await listen(replay.app, '127.0.0.1', 0);
      try {
        const report = await runContract({
          baseUrl: `http://127.0.0.1:${(replayServer.address() as AddressInfo).port}`,
          allowExecute: true,
        });
        expect(exitCodeOf(report)).toBe(0);
      } finally {
        await close(replayServer);
      }
    } finally {
      await close(tenantServer);
    }
  });

  it('with --no-scrub, writes what the tenant sent', async () => {
    const tenant = await createMock({ log: 'silent', seed: 7, jobs: 5, clock: 'frozen' });
    const tenantServer = await listen(tenant.app, '127.0.0.1', 0);
    const upstream = `http://127.0.0.1:${(tenantServer.address() as AddressInfo).port}`;
    try {
      const out = path.join(dir, 'raw.json');
      expect((await runCli('record', '--upstream', upstream, '--out', out, '--no-scrub')).status).toBe(0);
      const served = (await (await fetch(`${upstream}/api/v1/rpa/jobs?environment=default`)).json()) as { jobs: Job[] };
      expect(readFileSync(out, 'utf8')).toContain(served.jobs[0]!.job_context.user_details.email);
    } finally {
      await close(tenantServer);
    }
  });
});
