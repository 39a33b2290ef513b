import { canonicaliseBody } from './canonicaliseBody';
import type { Observation } from './observation';
import { unwrapList } from './unwrapList';

const job = {
  type: 'object',
  properties: {
    job_name: { type: 'string' },
    eo_flow_enabled: { type: 'boolean', 'x-aliases': ['eoEnabled'] },
    status: { type: 'string', enum: ['running', 'completed'], 'x-inferred': true },
    priority: { type: 'integer', 'x-inferred': true },
    started: { oneOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
  },
};
const list = {
  type: 'object',
  'x-inferred': true,
  required: ['count', 'jobs'],
  properties: { count: { type: 'integer' }, jobs: { type: 'array', items: job } },
};

function read(body: unknown, schema: unknown = job) {
  const seen: Observation[] = [];
  const value = canonicaliseBody(
    unwrapList(body, schema, (o) => seen.push(o)),
    schema,
    (o) => seen.push(o),
  );
  return { value, departures: seen.filter((o) => o.kind !== 'name' || o.found !== o.canonical) };
}

describe('canonicaliseBody', () => {
  it('reads another convention, an alias, a spelling, a type and a format the spec way, observing each', () => {
    const { value, departures } = read({ jobName: 'x', eoEnabled: true, status: 'RUNNING', priority: '3', started: 1773477000000 });
    expect(value).toEqual({ job_name: 'x', eo_flow_enabled: true, status: 'running', priority: 3, started: '2026-03-14T08:30:00.000Z' });
    expect(departures).toMatchObject([
      { kind: 'name', field: 'job_name', canonical: 'job_name', found: 'jobName', alias: false },
      { kind: 'name', field: 'eo_flow_enabled', canonical: 'eo_flow_enabled', found: 'eoEnabled', alias: true },
      { kind: 'enum-spelling', field: 'status', found: 'RUNNING', canonical: 'running', inferred: true },
      { kind: 'type', field: 'priority', expected: 'number', found: 'string', example: '3', inferred: true },
      { kind: 'format', field: 'started', format: 'date-time', found: 'epoch milliseconds', example: 1773477000000, inferred: false },
    ]);
  });

  it('leaves a conforming body as it is, and a value it cannot read for the validator', () => {
    const body = { job_name: 'x', status: 'Done', priority: 'high', started: null };
    expect(read(body)).toEqual({ value: body, departures: [] });
  });

  it('finds the items of a bare array or another wrapper by their shape, and reads them as top-level fields', () => {
    const bare = read([{ jobName: 'a', status: 'running' }], list);
    expect(bare.value).toEqual({ jobs: [{ job_name: 'a', status: 'running' }], count: 1 });
    expect(bare.departures.map((o) => (o.kind === 'name' ? o.field : o.kind))).toEqual(['envelope', 'job_name']);
    expect(read({ total: 1, items: [{ job_name: 'a', status: 'running' }] }, list).departures[0]).toMatchObject({
      kind: 'envelope',
      wrapper: "{ total, items } (the items under 'items', not 'jobs')",
    });
  });
});
