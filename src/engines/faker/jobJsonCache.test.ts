import type { Job } from '../../spec/types';
import { JobJsonCache } from './jobJsonCache';

const job = (name: string) => ({ id: name, job_name: name }) as unknown as Job;

describe('JobJsonCache', () => {
  it('serves the same text again for the same job object', () => {
    const cache = new JobJsonCache(10_000);
    const first = job('a');
    const text = cache.jsonOf(0, first);
    expect(text).toBe(JSON.stringify(first));
    expect(cache.jsonOf(0, first)).toBe(text);
  });

  it('makes a new text when the job at an index is another object (its wire form changed)', () => {
    const cache = new JobJsonCache(10_000);
    cache.jsonOf(0, job('before'));
    expect(cache.jsonOf(0, job('after'))).toBe(JSON.stringify(job('after')));
  });

  it('stays within its byte budget, dropping the least recently used first', () => {
    const cache = new JobJsonCache(1_000);
    const jobs = Array.from({ length: 50 }, (_, i) => job(`job-${i}`));
    jobs.forEach((j, i) => cache.jsonOf(i, j));
    expect(cache.size).toBeLessThanOrEqual(1_000);
    expect(cache.size).toBeGreaterThan(0);
  });
});
