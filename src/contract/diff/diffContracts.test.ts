import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defaultSpecPath } from '../../spec/bundledPaths';
import { dereference } from '../../spec/dereference';
import type { OpenApiDocument } from '../../spec/loadSpec';
import { diffContracts } from './diffContracts';

type Plain = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const plain = parse(readFileSync(defaultSpecPath, 'utf8')) as Plain;
const copy = (): Plain => JSON.parse(JSON.stringify(plain)) as Plain;
const contract = (document: Plain) => dereference(document) as unknown as OpenApiDocument;
const base = contract(copy());
const schemas = (d: Plain) => d.components.schemas as Plain;
const op = (d: Plain, path: string, method: string) => d.paths[path][method] as Plain;
const jobs = '/api/v1/rpa/jobs';
const execute = '/api/v1/rpa/jobs/{id}/_execute';

/** Each kind of change, made to a copy of the bundled spec: the rule it is, and whether it breaks a client. */
const table: [string, (d: Plain) => void, string, boolean][] = [
  ['an operation removed', (d) => delete d.paths['/api/v1/rpa/process/{id}'], 'api-removed', true],
  [
    'an operation added',
    (d) => (d.paths['/api/v1/rpa/robots'] = { get: { operationId: 'listRobots', responses: { '200': { description: 'ok' } } } }),
    'endpoint-added',
    false,
  ],
  [
    'a success status removed',
    (d) => {
      const r = op(d, execute, 'post').responses;
      r['201'] = { description: 'created' };
      delete r['202'];
    },
    'response-success-status-removed',
    true,
  ],
  [
    'a success status added',
    (d) => (op(d, execute, 'post').responses['201'] = { description: 'created' }),
    'response-success-status-added',
    false,
  ],
  ['an error status removed', (d) => delete op(d, execute, 'post').responses['409'], 'response-non-success-status-removed', false],
  [
    'a response field removed',
    (d) => {
      delete schemas(d).Job.properties.priority;
      schemas(d).Job.required = schemas(d).Job.required.filter((n: string) => n !== 'priority');
    },
    'response-property-removed',
    true,
  ],
  [
    'a response field renamed',
    (d) => {
      const p = schemas(d).Job.properties;
      p.name = p.job_name;
      delete p.job_name;
      schemas(d).Job.required = schemas(d).Job.required.map((n: string) => (n === 'job_name' ? 'name' : n));
    },
    'response-property-renamed',
    true,
  ],
  ['a response field retyped', (d) => (schemas(d).Job.properties.active = { type: 'string' }), 'response-property-type-changed', true],
  [
    'a response field made nullable',
    (d) => (schemas(d).Job.properties.job_name.type = ['string', 'null']),
    'response-property-became-nullable',
    true,
  ],
  [
    'a response field made not nullable',
    (d) => (schemas(d).JobContext.properties.machine_id.type = 'string'),
    'response-property-became-not-nullable',
    false,
  ],
  [
    'a response field made optional',
    (d) => (schemas(d).Job.required = schemas(d).Job.required.filter((n: string) => n !== 'job_name')),
    'response-property-became-optional',
    true,
  ],
  [
    'a response field made required',
    (d) => schemas(d).JobInstance.required.push('job_context'),
    'response-property-became-required',
    false,
  ],
  ['a response field added', (d) => (schemas(d).Job.properties.owner = { type: 'string' }), 'response-property-added', false],
  [
    'a value removed from a response enum',
    (d) => (schemas(d).JobStatus.enum = ['scheduled', 'running', 'completed', 'failed']),
    'response-property-enum-value-removed',
    true,
  ],
  ['a value added to a response enum', (d) => schemas(d).JobStatus.enum.push('paused'), 'response-property-enum-value-added', false],
  ['a response format removed', (d) => delete schemas(d).Job.properties.id.format, 'response-property-format-removed', true],
  ['a response format added', (d) => (schemas(d).Job.properties.job_name.format = 'uuid'), 'response-property-format-added', false],
  [
    'a response media type removed',
    (d) => {
      const c = op(d, '/api/v1/rpa/jobs/{id}', 'get').responses['200'].content;
      c['application/vnd.infor+json'] = c['application/json'];
      delete c['application/json'];
    },
    'response-media-type-removed',
    true,
  ],
  [
    'a response media type added',
    (d) => {
      const c = op(d, '/api/v1/rpa/jobs/{id}', 'get').responses['200'].content;
      c['text/json'] = c['application/json'];
    },
    'response-media-type-added',
    false,
  ],
  [
    'a required request parameter added',
    (d) => op(d, jobs, 'get').parameters.push({ name: 'tenant', in: 'query', required: true, schema: { type: 'string' } }),
    'new-required-request-parameter',
    true,
  ],
  [
    'an optional request parameter added',
    (d) => op(d, jobs, 'get').parameters.push({ name: 'page', in: 'query', schema: { type: 'integer' } }),
    'new-optional-request-parameter',
    false,
  ],
  ['a request parameter made required', (d) => (d.components.parameters.type.required = true), 'request-parameter-became-required', true],
  [
    'a request parameter made optional',
    (d) => (d.components.parameters.environment.required = false),
    'request-parameter-became-optional',
    false,
  ],
  [
    'a request parameter removed',
    (d) => (op(d, jobs, 'get').parameters = [op(d, jobs, 'get').parameters[0]]),
    'request-parameter-removed',
    false,
  ],
  ['a value removed from a request enum', (d) => (schemas(d).JobType.enum = ['Unattended']), 'request-property-enum-value-removed', true],
  ['a value added to a request enum', (d) => schemas(d).JobType.enum.push('Hybrid'), 'request-property-enum-value-added', false],
  ['a request body made required', (d) => (op(d, execute, 'post').requestBody.required = true), 'request-body-became-required', true],
  [
    'a required request property added',
    (d) => {
      const r = schemas(d).ExecuteRequest;
      r.properties.reason = { type: 'string' };
      r.required = ['reason'];
    },
    'new-required-request-property',
    true,
  ],
  [
    'an optional request property added',
    (d) => (schemas(d).ExecuteRequest.properties.reason = { type: 'string' }),
    'request-property-added',
    false,
  ],
  [
    'a request property retyped',
    (d) => (schemas(d).ExecuteRequest.properties.input_arguments = { type: 'string' }),
    'request-property-type-changed',
    true,
  ],
];

describe('the diff of two contracts', () => {
  it('finds nothing between a contract and itself', () => {
    expect(diffContracts(base, contract(copy()))).toEqual([]);
  });

  it.each(table)('names %s by its rule, breaking or not', (_name, change, id, breaking) => {
    const changed = copy();
    change(changed);
    const found = diffContracts(base, contract(changed));
    // The change itself, and no breaking change beside it for a change that breaks nobody.
    expect(found.map((c) => `${c.id} ${c.breaking ? 'breaking' : 'non-breaking'}`)).toContain(
      `${id} ${breaking ? 'breaking' : 'non-breaking'}`,
    );
    if (!breaking) expect(found.filter((c) => c.breaking)).toEqual([]);
  });

  /** Breaking changes whose undoing is a change of its own kind, which breaks nobody. */
  const undone = [
    'api-removed',
    'response-property-removed',
    'response-property-became-nullable',
    'response-property-became-optional',
    'response-property-enum-value-removed',
    'response-property-format-removed',
    'new-required-request-parameter',
    'request-parameter-became-required',
    'request-property-enum-value-removed',
    'request-body-became-required',
    'new-required-request-property',
  ];

  it.each(table.filter(([, , id]) => undone.includes(id)))('names the undoing of %s as non-breaking', (_name, change) => {
    const changed = copy();
    change(changed);
    const back = diffContracts(contract(changed), base);
    expect(back.length).toBeGreaterThan(0);
    expect(back.filter((c) => c.breaking)).toEqual([]);
  });

  it('says which changes widen what a tenant may answer: what calibrate --check counts as a move', () => {
    const nullable = copy();
    schemas(nullable).Job.properties.job_name.type = ['string', 'null'];
    const [there] = diffContracts(base, contract(nullable));
    const [back] = diffContracts(contract(nullable), base);
    expect([there!.breaking, there!.widens, back!.breaking, back!.widens]).toEqual([true, true, false, false]);
  });

  it('says where: the operation, the status and media type, and the pointer of the field', () => {
    const changed = copy();
    delete schemas(changed).Job.properties.priority;
    const where = diffContracts(base, contract(changed)).map((c) => `${c.operation} ${c.where}`);
    expect(where).toEqual([
      'listJobs GET /api/v1/rpa/jobs 200 application/json #/jobs/items/priority',
      'getJob GET /api/v1/rpa/jobs/{id} 200 application/json #/priority',
    ]);
  });
});
