import { componentSchemas, locateNode } from './locateNode';

const instance = { type: 'object', 'x-inferred': true, properties: { status: { type: 'string', enum: ['queued'] } } };
const context = {
  type: 'object',
  properties: { machine_id: { type: ['string', 'null'], 'x-inferred': true }, user_name: { type: 'string' } },
};
const job = {
  type: 'object',
  required: ['id', 'job_name'],
  properties: {
    id: { type: 'string', format: 'uuid', 'x-inferred': true },
    job_name: { type: 'string' },
    description: { oneOf: [{ type: 'string' }, { type: 'null' }] },
    job_instances: { type: 'array', 'x-inferred': true, items: instance },
    job_context: context,
    preferences: { type: 'array', items: { type: 'object' } },
  },
};
const list = { type: 'object', 'x-inferred': true, properties: { count: { type: 'integer' }, jobs: { type: 'array', items: job } } };
const components = componentSchemas({ components: { schemas: { Job: job, JobInstance: instance, JobContext: context, JobList: list } } });

describe('locateNode', () => {
  it('names a list item field as the job by id names it, its owner and whether it is inferred', () => {
    const body = { count: 1, jobs: [{ id: 'x', job_name: 'a' }] };
    expect(locateNode(list, body, '/jobs/0/id', components)).toMatchObject({ field: 'id', owner: job, property: 'id', inferred: true });
    // The x-inferred list wrapper does not make the documented Job's fields inferred.
    expect(locateNode(list, body, '/jobs/0/job_name', components)).toMatchObject({
      field: 'job_name',
      inferred: false,
      ownerInferred: false,
    });
  });

  it('follows arrays and nested components, inferred within an inferred node', () => {
    const body = { job_instances: [{ status: 'x' }], job_context: { machine_id: 1, user_name: 2 } };
    expect(locateNode(job, body, '/job_instances/0/status', components)).toMatchObject({
      field: 'job_instances[].status',
      owner: instance,
      inferred: true,
      ownerInferred: true,
    });
    expect(locateNode(job, body, '/job_instances/0', components)).toMatchObject({
      field: 'job_instances[]',
      item: true,
      property: 'job_instances',
    });
    expect(locateNode(job, body, '/job_context/machine_id', components)).toMatchObject({ field: 'job_context.machine_id', inferred: true });
    expect(locateNode(job, body, '/job_context/user_name', components)).toMatchObject({ inferred: false });
  });

  it('finds a missing property, and nothing for the whole body or a path the schema does not have', () => {
    expect(locateNode(job, {}, '/description', components)).toMatchObject({ field: 'description', inferred: false });
    expect(locateNode(job, {}, '', components)).toBeUndefined();
    expect(locateNode(job, { robot: { x: 1 } }, '/robot/x', components)).toBeUndefined();
  });
});
