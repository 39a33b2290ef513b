import request from 'supertest';
import { createMock, type MockOptions } from '../../src';
import { VirtualClock } from '../../src/state/clock';
import { defaultReferenceTime } from '../../src/options';

export const jobsPath = '/api/v1/rpa/jobs';

/**
 * A mock as the tests use it: strict (every answer checked against the spec), silent, and on a
 * clock the test moves by hand. Each test gets its own, so no test sees another's state.
 */
export async function startMock(options: Partial<MockOptions> = {}) {
  const clock = new VirtualClock(typeof options.now === 'number' ? options.now : defaultReferenceTime, 'frozen');
  const mock = await createMock({ strict: true, log: 'silent', ...options }, { clock });
  return { mock, clock, http: request(mock.app) };
}

/** The jobs of the default environment, as the list answers them. */
export async function listDefaultJobs(http: ReturnType<typeof request>) {
  const response = await http.get(jobsPath).query({ environment: 'default' }).expect(200);
  return response.body.jobs as import('../../src').Job[];
}
