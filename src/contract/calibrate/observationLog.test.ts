import { ObservationLog } from './observationLog';

describe('ObservationLog', () => {
  it('keeps one entry per distinct observation, with its count, however many objects showed it', () => {
    const log = new ObservationLog();
    const [job, run] = [{}, {}];
    for (let k = 0; k < 5000; k++) {
      log.add({ kind: 'name', field: 'job_name', canonical: 'job_name', found: 'jobName', alias: false, owner: job });
      log.add({ kind: 'extra', field: 'tenant_code', name: 'tenant_code', value: k, owner: job });
    }
    log.add({ kind: 'name', field: 'job_instances[].status', canonical: 'status', found: 'Status', alias: false, owner: run });
    const [name, extra, other] = log.observations;
    expect(log.observations).toHaveLength(3);
    expect([log.count(name!), log.count(extra!), log.count(other!)]).toEqual([5000, 5000, 1]);
    // The first value stands for all.
    expect(extra).toMatchObject({ value: 0 });
  });

  it('stops taking new entries at its bound, and says so', () => {
    const log = new ObservationLog();
    const owner = {};
    for (let k = 0; k < 50_001; k++) log.add({ kind: 'extra', field: `f${k}`, name: `f${k}`, value: k, owner });
    expect(log.observations).toHaveLength(50_000);
    expect(log.overflow).toBe(true);
  });
});
