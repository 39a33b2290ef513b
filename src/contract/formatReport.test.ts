import { formatReport } from './formatReport';
import type { ContractReport } from './types';

describe('the verify report', () => {
  it('cuts a long expected or actual value, so a finding stays a few short lines', () => {
    const runs = Array.from({ length: 100 }, (_, n) => ({ id: `run-${n}`, status: 'completed' }));
    const report: ContractReport = {
      baseUrl: 'http://127.0.0.1:4010',
      environment: 'default',
      startedAt: '2026-03-14T09:30:00.000Z',
      durationMs: 10,
      rootCauses: [],
      sampled: { jobs: 1, jobsById: 1, processes: 0 },
      coverage: { statuses: [], fields: [], percent: 100, latency: [] },
      summary: { passed: 0, failed: 0, warning: 1, skipped: 0, error: 0 },
      checks: [
        {
          id: 'getJob/agrees-with-list',
          operationId: 'getJob',
          title: 'a job fetched by id agrees with the list on the fields both carry',
          outcome: 'warning',
          durationMs: 1,
          findings: [
            {
              severity: 'warning',
              message: 'job_instances differs between the list and the job by id',
              pointer: '/job_instances',
              expected: JSON.stringify(runs),
              actual: runs.slice(1),
            },
          ],
        },
      ],
    };
    const text = formatReport(report);
    expect(text).toContain('expected: [{"id":"run-0"');
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThan(300);
  });
});
