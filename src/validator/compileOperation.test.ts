import { bundleOf } from '../spec/bundleOf';
import type { OpenApiDocument } from '../spec/loadSpec';
import type { OperationValidator } from './compileOperation';
import type { ViolationList } from './violations';

/** A small API of the test's own: every kind of parameter, a body, ranges of statuses, a list and a map. */
const document = {
  openapi: '3.1.0',
  info: { title: 'test', version: '1' },
  paths: {
    '/things/{id}': {
      post: {
        operationId: 'changeThing',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, default: 10 } },
          { name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name', 'size'],
                properties: { name: { type: 'string' }, size: { type: 'integer' } },
                additionalProperties: false,
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'the things',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['things'],
                  properties: {
                    things: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } } },
                    byKey: { type: 'object', propertyNames: { enum: ['a', 'b'] } },
                    mood: { 'x-inferred': true, enum: ['good', 'bad'] },
                  },
                },
              },
            },
          },
          '204': { description: 'nothing' },
          '4XX': {
            description: 'an error',
            content: {
              'application/problem+json': { schema: { type: 'object', required: ['status'], properties: { status: { type: 'integer' } } } },
            },
          },
        },
      },
    },
  },
};

let validator: OperationValidator;
beforeAll(() => {
  validator = bundleOf(JSON.parse(JSON.stringify(document)) as OpenApiDocument).validators.get('changeThing')!;
});

const id = '0b7f3c1e-8d2a-4f6b-9c1d-2e3f4a5b6c7d';
const request = (changes: Record<string, unknown> = {}) => ({
  pathParams: { id },
  query: {},
  headers: { 'x-tenant': 'ACME' },
  contentType: 'application/json',
  body: { name: 'a', size: 1 },
  ...changes,
});
const where = (found: ViolationList) => found.violations.map((v) => `${v.location} ${v.pointer} ${v.rule}`);

describe('the validator of one operation', () => {
  it('takes a request that keeps the contract, its query values coerced from text', () => {
    expect(validator.validateRequest(request({ query: { limit: '5' } }))).toEqual([]);
  });

  it('names each broken parameter by location, pointer and rule, header names without case', () => {
    const found = validator.checkRequest(request({ pathParams: { id: 'nope' }, query: { limit: '0' }, headers: {} }), 20);
    expect(where(found)).toEqual(['path /id format', 'query /limit minimum', 'header /x-tenant required']);
    expect(found.more).toBe(0);
  });

  it('lists the first violations and counts the rest', () => {
    const found = validator.checkRequest(request({ pathParams: { id: 'nope' }, query: { limit: 'x' }, headers: {}, body: {} }), 2);
    expect(found.violations).toHaveLength(2);
    expect(found.more).toBe(3);
  });

  it('checks the body: required, of a declared media type, against its schema', () => {
    expect(where(validator.checkRequest(request({ contentType: undefined, body: undefined }), 20))).toEqual(['body  required']);
    expect(where(validator.checkRequest(request({ contentType: 'text/plain', body: 'x' }), 20))).toEqual([
      'header /content-type content-type',
    ]);
    expect(where(validator.checkRequest(request({ body: { name: 'a', size: 'big', colour: 'red' } }), 20))).toEqual([
      'body /colour additionalProperties',
      'body /size type',
    ]);
  });

  it('checks an answer by its status, a range of statuses included, and its media type', () => {
    expect(validator.validateResponse({ status: 200, contentType: 'application/json', body: { things: [] } })).toEqual([]);
    expect(validator.validateResponse({ status: 204, contentType: undefined, body: undefined })).toEqual([]);
    expect(validator.validateResponse({ status: 404, contentType: 'application/problem+json', body: { status: 404 } })).toEqual([]);
    expect(where(validator.checkResponse({ status: 404, contentType: 'application/problem+json', body: {} }, 20))).toEqual([
      'response /status required',
    ]);
    const undeclared = validator.checkResponse({ status: 500, contentType: 'application/json', body: {} }, 20);
    expect(undeclared.violations[0]).toMatchObject({ rule: 'status', message: expect.stringMatching(/declared: 200, 204, 4XX/) });
    const wrongType = validator.checkResponse({ status: 200, contentType: 'text/html', body: '<html>' }, 20);
    expect(wrongType.violations[0]).toMatchObject({ rule: 'content-type' });
  });

  it('names a bad property name once, not also by its propertyNames wrapper', () => {
    const found = validator.checkResponse({ status: 200, contentType: 'application/json', body: { things: [], byKey: { c: 1 } } }, 20);
    expect(where(found)).toEqual(['response /byKey/c enum']);
    expect(
      validator.validateResponse({ status: 200, contentType: 'application/json', body: { things: [], byKey: { c: 1 } } }),
    ).toHaveLength(1);
  });

  it('marks a violation of a rule the documentation left open as inferred', () => {
    const [mood] = validator.validateResponse({ status: 200, contentType: 'application/json', body: { things: [], mood: 'meh' } });
    expect(mood).toMatchObject({ pointer: '/mood', rule: 'enum', inferred: true });
    const [missing] = validator.validateResponse({ status: 200, contentType: 'application/json', body: {} });
    expect(missing?.inferred).toBeUndefined();
  });

  it('checks one item of a streamed list, pointing into the whole body', () => {
    const answer = { status: 200, contentType: 'application/json' };
    expect(validator.checkResponseItem(answer, 'things', 7, { id: 1 }, 20)).toEqual({ violations: [], more: 0 });
    expect(where(validator.checkResponseItem(answer, 'things', 7, { id: 'x' }, 20))).toEqual(['response /things/7/id type']);
    expect(where(validator.checkResponseItem(answer, 'nothings', 0, {}, 20))).toEqual(['response /nothings items']);
  });
});
