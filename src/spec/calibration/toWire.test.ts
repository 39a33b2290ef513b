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
});
