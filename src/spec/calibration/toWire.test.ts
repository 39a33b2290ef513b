import { documentedView } from './documentedView';
import { toWire } from './toWire';

const job = {
  type: 'object',
  properties: {
    jobName: { type: 'string', 'x-field': 'job_name' },
    status: { type: 'string', enum: ['RUNNING', 'COMPLETED'], 'x-documented-values': ['running', 'completed'] },
    priority: { type: 'string', 'x-documented-type': 'integer' },
  },
};
const list = { type: 'array', items: job, 'x-documented-envelope': { items: 'jobs', count: 'count' } };

describe('toWire and documentedView', () => {
  it('map a documented list onto a calibrated wire shape and back', () => {
    const documented = { count: 1, jobs: [{ job_name: 'Sync', status: 'running', priority: 3 }] };
    const wire = toWire(documented, list);
    expect(wire).toEqual([{ jobName: 'Sync', status: 'RUNNING', priority: '3' }]);
    expect(documentedView(wire, list)).toEqual(documented);
  });

  it('leave values alone where the spec has no calibration', () => {
    const plain = { type: 'object', properties: { job_name: { type: 'string' } } };
    expect(toWire({ job_name: 'x', extra: 1 }, plain)).toEqual({ job_name: 'x', extra: 1 });
    expect(documentedView({ job_name: 'x', extra: 1 }, plain)).toEqual({ job_name: 'x', extra: 1 });
  });

  it("write a learned scalar in the tenant's form: a value seen, the same for the same value, or an execution by its id", () => {
    const learned = {
      type: 'object',
      properties: {
        priority: { anyOf: [{ type: 'integer' }, { enum: ['low', 'high'], 'x-learned': true }] },
        runs: { type: 'array', items: { anyOf: [{ type: 'object' }, { type: 'string', 'x-learned': true, examples: ['r-1'] }] } },
        shape: { anyOf: [{ type: 'array' }, { type: 'object', 'x-learned': true }] },
      },
    };
    const wire = toWire({ priority: 3, runs: [{ id: 'r-9' }], shape: [1] }, learned) as Record<string, unknown>;
    expect(['low', 'high']).toContain(wire.priority);
    expect(toWire({ priority: 3 }, learned)).toEqual({ priority: wire.priority });
    expect(wire.runs).toEqual(['r-9']);
    // Nothing scalar learned: the documented value, which the spec still takes.
    expect(wire.shape).toEqual([1]);
  });
});
