import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { exitCodeOf, formatReport, runContract } from '../src/contract';
import { changeJobs, isJobById, isJobList, startDriftingMock, type Transform } from './support/driftingMock';
import type { MockOptions } from '../src';

/**
 * Proof that the checks catch drift: each case breaks the mock in one way, and verify must exit 1
 * and name the break; the controls change nothing the contract forbids and must pass.
 */
async function verifyAgainst(transform: Transform, options: { mock?: Partial<MockOptions>; injectToken?: string; token?: string } = {}) {
  const variant = await startDriftingMock(transform, options.mock, options.injectToken);
  try {
    // A few jobs by id show a drift as well as twenty: the by-id checks read each the same way.
    const report = await runContract({
      baseUrl: variant.url,
      allowExecute: true,
      token: options.token,
      retries: 0,
      timeoutMs: 5000,
      maxJobs: 5,
    });
    return { exitCode: exitCodeOf(report), text: formatReport(report), report };
  } finally {
    await variant.close();
  }
}

const drifts: [string, Transform, RegExp, Record<string, string>?][] = [
  [
    'a missing required field',
    changeJobs((job) => delete job.process_version),
    /response body at \/jobs\/\*\/process_version is required \[rule: required\]|\/process_version is required \[rule: required\]/,
  ],
  [
    'a wrong type',
    changeJobs((job) => (job.priority = 'high')),
    /✗ priority is string, not integer, in \d+ of \d+ values seen, e.g. "high" \(x-inferred\)/,
  ],
  [
    'a value outside an enum',
    changeJobs((job) => (job.status = 'Done')),
    /✗ status has values the spec does not list \("Done"\), in \d+ of \d+ values seen \(x-inferred\)/,
  ],
  [
    'a malformed date-time',
    changeJobs((job) => ((job.metadata as Record<string, unknown>).created_at = '14/03/2026 09:30')),
    /✗ metadata\.created_at is not a date-time, in \d+ of \d+ values seen, e.g. "14\/03\/2026 09:30" \(x-inferred\)/,
  ],
  [
    'a nested object replaced by null',
    changeJobs((job) => (job.job_context = null)),
    /✗ null sent where the spec wants a value: job_context \(x-inferred\)/,
  ],
  [
    'a renamed field',
    changeJobs((job) => {
      job.jobName = job.job_name;
      delete job.job_name;
    }),
    /wire names differ from the spec's for 1 of \d+ documented fields \(the others are snake_case\) \(x-inferred\)\n\s+jobName for job_name/,
  ],
  [
    'a wrong status for an unknown id',
    (p) => (isJobById(p) && p.status === 404 ? { ...p, status: 400 } : p),
    /getJob\/unknown-id[\s\S]*expected status 404, got 400 \(No job has id [0-9a-f-]{36}\.\) \[rule: status\]/,
  ],
  [
    'a 500',
    (p) => (isJobById(p) ? { ...p, status: 500, contentType: 'application/problem+json', body: '{"detail":"robot farm down"}' } : p),
    /expected status 200, got 500 \(robot farm down\) \[rule: status\]/,
  ],
  [
    'a wrong content type',
    (p) => (isJobById(p) ? { ...p, contentType: 'text/html' } : p),
    /expected content type application\/json, got text\/html \[rule: content-type\]/,
  ],
  [
    'a truncated body',
    (p) => (isJobById(p) && p.status === 200 ? { ...p, body: p.body.slice(0, Math.floor(p.body.length / 2)) } : p),
    /the body is not valid JSON \(.*\); \d+ bytes received \[rule: json\]/,
  ],
  [
    'a list count that disagrees',
    (p) => {
      if (!isJobList(p) || p.status !== 200) return p;
      const list = JSON.parse(p.body) as { count: number };
      return { ...p, body: JSON.stringify({ ...list, count: list.count + 1 }) };
    },
    /count is \d+ but the list has \d+ jobs \[rule: count\]/,
  ],
  [
    'a job by id with another id',
    async (p, upstream) => {
      if (!isJobById(p) || p.status !== 200) return p;
      const list = (await upstream('/api/v1/rpa/jobs?environment=test')) as { jobs: unknown[] };
      return { ...p, body: JSON.stringify(list.jobs[0]) };
    },
    /asked for job [0-9a-f-]{36}, got job [0-9a-f-]{36} \[rule: identity\]/,
  ],
  [
    'a filter ignored',
    async (p, upstream) => {
      if (!isJobList(p) || p.status !== 200) return p;
      const list = JSON.parse(p.body) as { jobs: unknown[] };
      const others = (await upstream('/api/v1/rpa/jobs?environment=default&type=Attended')) as { jobs: unknown[] };
      const jobs = [...list.jobs, ...others.jobs.filter((job) => !list.jobs.some((j) => JSON.stringify(j) === JSON.stringify(job)))];
      return { ...p, body: JSON.stringify({ count: jobs.length, jobs }) };
    },
    /the type filter is not honoured: asked for Unattended \(by default\), \d+ of \d+ jobs are not \[rule: filter\]/,
  ],
];

describe('verify catches drift', () => {
  it.each(drifts)('%s: exits 1 and names the break', async (_name, transform, names) => {
    const { exitCode, text } = await verifyAgainst(transform);
    expect(text).toMatch(names);
    expect(exitCode).toBe(1);
  });

  it('an environment filter ignored: exits 1 and names the break', async () => {
    const { exitCode, text } = await verifyAgainst(async (p, upstream) => {
      if (!isJobList(p) || p.status !== 200) return p;
      const list = JSON.parse(p.body) as { jobs: unknown[] };
      const others = (await upstream(`/api/v1/rpa/jobs?environment=test${p.path.includes('type=Attended') ? '&type=Attended' : ''}`)) as {
        jobs: unknown[];
      };
      const jobs = [...list.jobs, ...others.jobs];
      return { ...p, body: JSON.stringify({ count: jobs.length, jobs }) };
    });
    expect(text).toMatch(/the environment filter is not honoured: the list of 'default' holds jobs of 2 environment ids \[rule: filter\]/);
    expect(exitCode).toBe(1);
  });

  it('auth not enforced: exits 1 and names the break', async () => {
    const { exitCode, text } = await verifyAgainst((p) => p, {
      mock: { authToken: 'right-token-123' },
      injectToken: 'right-token-123',
      token: 'right-token-123',
    });
    expect(text).toMatch(/auth\/no-token[\s\S]*expected status 401, got 200 \[rule: status\]/);
    expect(text).toMatch(/auth\/wrong-token[\s\S]*expected status 401, got 200/);
    expect(text).not.toContain('right-token-123');
    expect(exitCode).toBe(1);
  });

  it('an execution that does not show in the job: exits 1 and names the break', async () => {
    const { exitCode, text } = await verifyAgainst(changeJobs((job) => (job.job_instances = [])));
    expect(text).toMatch(/the run [0-9a-f-]{36} that _execute answered is not among the job's 0 instances \[rule: execution\]/);
    expect(exitCode).toBe(1);
  });
});

describe('verify passes a conforming server', () => {
  it('with an extra unknown field: exits 0 with a warning naming it', async () => {
    const { exitCode, report, text } = await verifyAgainst(changeJobs((job) => (job.robot_pool = 'EU-West')));
    expect(exitCode).toBe(0);
    expect(report.summary.warning).toBeGreaterThan(0);
    expect(text).toMatch(/response body at \/jobs\/\d+\/robot_pool is not in the spec \[rule: extra-field\]/);
  });

  it('with an extra unknown field and --fail-on-extra: exits 1', async () => {
    const variant = await startDriftingMock(changeJobs((job) => (job.robot_pool = 'EU-West')));
    try {
      const report = await runContract({ baseUrl: variant.url, failOnExtra: true });
      expect(exitCodeOf(report)).toBe(1);
    } finally {
      await variant.close();
    }
  });

  it('with reordered keys: exits 0 without warnings', async () => {
    const reorder = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reorder);
      if (!value || typeof value !== 'object') return value;
      return Object.fromEntries(
        Object.entries(value)
          .reverse()
          .map(([k, v]) => [k, reorder(v)]),
      );
    };
    const { exitCode, report } = await verifyAgainst((p) =>
      p.status === 200 ? { ...p, body: JSON.stringify(reorder(JSON.parse(p.body))) } : p,
    );
    expect(report.summary).toMatchObject({ failed: 0, warning: 0, error: 0 });
    expect(exitCode).toBe(0);
  });
});

describe('rpa-mock verify, the command', () => {
  const bin = path.resolve(__dirname, '../dist/cli/main.js');
  // Asynchronous: the drifted servers run in this process and must keep answering.
  const runVerify = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [bin, 'verify', ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
        resolve({ status: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
      });
    });

  it('exits 1 against a drifted server and 0 against the mock', async () => {
    const drifted = await startDriftingMock(changeJobs((job) => (job.status = 'Done')));
    const conforming = await startDriftingMock((p) => p);
    try {
      // Side by side, and five jobs by id: the exit code and the summary do not depend on how many.
      const [bad, good] = await Promise.all([
        runVerify('--base-url', drifted.url, '--max-jobs', '5'),
        runVerify('--base-url', conforming.url, '--max-jobs', '5'),
      ]);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toMatch(/FAIL listJobs\/environment-only/);
      expect(good.stdout).toMatch(/14 passed, 0 failed, 0 with warnings, 1 skipped/);
      expect(good.status).toBe(0);
    } finally {
      await drifted.close();
      await conforming.close();
    }
  });

  it('exits 2 when the server cannot be reached, and stops trying', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await runVerify('--base-url', `http://127.0.0.1:${port}`, '--retries', '1');
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/ERR {2}listJobs\/environment-only .*cannot connect \(ECONNREFUSED\) after 2 attempts/);
    expect(result.stdout).toMatch(/ERR {2}getJob\/unknown-id .*not run: the server cannot be reached/);
  });

  it('exits 2 on rejected credentials and on a base URL that doubles /api/v1, before any check', async () => {
    const tenant = await startDriftingMock((p) => p, { authToken: 'the-right-one' });
    try {
      const [rejected, doubled] = await Promise.all([
        runVerify('--base-url', tenant.url, '--token', 'an-expired-one'),
        runVerify('--base-url', `${tenant.url}/api/v1`, '--token', 'the-right-one'),
      ]);
      expect(rejected.status).toBe(2);
      expect(rejected.stderr).toMatch(/^rpa-mock: credentials rejected: GET .* → 401 with the token given\. Hint: /);
      expect(rejected.stdout).toBe('');
      expect(doubled.status).toBe(2);
      expect(doubled.stderr).toMatch(/--base-url ends in \/api\/v1, which the spec's paths start with/);
    } finally {
      await tenant.close();
    }
  });

  it('creates the folders of --json and --junit before it runs', async () => {
    const conforming = await startDriftingMock((p) => p);
    const dir = mkdtempSync(path.join(tmpdir(), 'rpa-reports-'));
    try {
      const json = path.join(dir, 'reports', 'nightly', 'verify.json');
      const result = await runVerify(
        '--base-url',
        conforming.url,
        '--max-jobs',
        '5',
        '--json',
        json,
        '--junit',
        path.join(dir, 'junit', 'verify.xml'),
      );
      expect(result.status).toBe(0);
      expect(JSON.parse(readFileSync(json, 'utf8')).summary.failed).toBe(0);
    } finally {
      await conforming.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 without a base URL', async () => {
    const result = await runVerify();
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/verify needs --base-url/);
  });
});
