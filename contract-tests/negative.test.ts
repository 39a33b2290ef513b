import { runContract } from '../src/contract';
import { startDriftingMock, type Passing } from './support/driftingMock';

/** A tenant stand-in that counts what it is sent, and answers bad requests as `answer` says. */
async function standIn(answer: (passing: Passing) => Passing = (passing) => passing) {
  const seen: string[] = [];
  const tenant = await startDriftingMock((passing) => {
    seen.push(`${passing.method} ${passing.path}`);
    return answer(passing);
  });
  return { ...tenant, seen };
}

const negativeOf = (report: Awaited<ReturnType<typeof runContract>>) =>
  report.checks.find((check) => check.id === 'negative/bad-requests')!;

describe('verify --negative', () => {
  it('sends the bad requests asked for, GET only, and passes a server that refuses each as the spec says', async () => {
    const tenant = await standIn();
    try {
      const report = await runContract({ baseUrl: tenant.url, maxJobs: 1, negative: 120, negativeSeed: 7 });
      expect(negativeOf(report)).toMatchObject({ outcome: 'passed', findings: [] });
      const bad = tenant.seen.slice(-120);
      expect(bad.every((request) => request.startsWith('GET '))).toBe(true);
      // Every kind of bad request, to every read operation.
      for (const path of ['/api/v1/rpa/jobs', '/api/v1/rpa/jobs/', '/api/v1/rpa/process', '/api/v1/rpa/process/'])
        expect(bad.some((request) => request.startsWith(`GET ${path}`))).toBe(true);
      expect(report.checks.map((check) => check.id)).not.toContain('executeJob/negative');
    } finally {
      await tenant.close();
    }
  }, 30_000);

  it('fails a server that takes a bad value as a good one, shrunk to its smallest case, as a curl line', async () => {
    // The stand-in lists jobs whatever `type` says.
    const tenant = await standIn((passing) =>
      passing.status === 400 &&
      /^\/api\/v1\/rpa\/jobs\?/.test(passing.path) &&
      /[?&]type=/.test(passing.path) &&
      /[?&]environment=/.test(passing.path)
        ? { ...passing, status: 200, contentType: 'application/json', body: '{"count":0,"jobs":[]}' }
        : passing,
    );
    try {
      const report = await runContract({ baseUrl: tenant.url, maxJobs: 1, negative: 200, negativeSeed: 11, tokenSource: undefined });
      const check = negativeOf(report);
      expect(check.outcome).toBe('failed');
      const [finding] = check.findings;
      expect(finding!.message).toMatch(
        /^listJobs with a value of 'type' its enum does not list got 200: the bad part was ignored, not refused; shrunk after \d+ cases and \d+ shrinks \(seed 11\): curl -s 'http:\/\/127\.0\.0\.1:\d+\/api\/v1\/rpa\/jobs\?environment=default&type=[^']{1,3}'$/,
      );
      expect(finding!.inferred).toBe(true);
    } finally {
      await tenant.close();
    }
  }, 30_000);

  it('fails a server that answers a malformed id with a server error', async () => {
    const tenant = await standIn((passing) =>
      passing.status === 400 && /^\/api\/v1\/rpa\/process\/[^?]+/.test(passing.path) ? { ...passing, status: 500 } : passing,
    );
    try {
      const report = await runContract({ baseUrl: tenant.url, maxJobs: 1, negative: 200, negativeSeed: 3 });
      const [finding] = negativeOf(report).findings;
      expect(finding).toMatchObject({ rule: 'negative-5xx', message: expect.stringMatching(/^getProcess with a malformed id got 500/) });
    } finally {
      await tenant.close();
    }
  }, 30_000);
});
