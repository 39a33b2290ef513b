import { bundleOf } from '../spec/bundleOf';
import type { OpenApiDocument } from '../spec/loadSpec';
import { CoverageRecorder, coverageLine } from './coverage';
import type { Exchange } from './httpClient';

const document = {
  openapi: '3.1.0',
  info: { title: 'test', version: '1' },
  paths: {
    '/things': {
      get: {
        operationId: 'listThings',
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    things: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          id: { type: 'string' },
                          note: { oneOf: [{ type: 'string' }, { type: 'null' }] },
                          owner: { oneOf: [{ type: 'object', properties: { name: { type: 'string' } } }, { type: 'null' }] },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          '4XX': { description: 'a client error' },
          '500': { description: 'a server error' },
        },
      },
    },
  },
};

const answer = (status: number, body?: unknown): Exchange => ({
  method: 'GET',
  url: 'http://x/things',
  status,
  contentType: body === undefined ? undefined : 'application/json',
  text: body === undefined ? '' : JSON.stringify(body),
  durationMs: 1,
});

describe('the coverage of a run', () => {
  it('counts statuses seen (ranges too) and fields seen with a value, only as null, or never', () => {
    const bundle = bundleOf(JSON.parse(JSON.stringify(document)) as OpenApiDocument);
    const recorder = new CoverageRecorder(bundle.operations, bundle.match);
    expect(recorder.result().percent).toBe(0);
    recorder.record(
      'GET',
      '/things?x=1',
      answer(200, {
        things: [
          { id: 'a', note: null, owner: null },
          { id: 'b', note: null },
        ],
      }),
    );
    recorder.record('GET', '/things', answer(404));
    recorder.record('GET', '/elsewhere', answer(500));
    const { statuses, fields, percent } = recorder.result();
    expect(statuses.map((s) => `${s.status} ${s.seen}`)).toEqual(['200 true', '500 false', '4XX true']);
    expect(Object.fromEntries(fields.map((f) => [f.pointer, f.seen]))).toEqual({
      '/things': 'value',
      '/things/*/id': 'value',
      '/things/*/note': 'null',
      '/things/*/owner': 'null',
      '/things/*/owner/name': 'never',
    });
    expect(percent).toBe(50);
    recorder.record('GET', '/things', answer(200, { things: [{ id: 'c', note: 'n', owner: { name: 'o' } }] }));
    expect(recorder.result().fields.every((f) => f.seen === 'value')).toBe(true);
    expect(coverageLine(recorder.result())).toBe(
      'coverage 87.5 %: 2 of 3 statuses seen, 5 of 5 fields seen with a value (0 only null, 0 never)',
    );
  });

  it('reads no field of an answer that is not the success, or not JSON', () => {
    const bundle = bundleOf(JSON.parse(JSON.stringify(document)) as OpenApiDocument);
    const recorder = new CoverageRecorder(bundle.operations, bundle.match);
    recorder.record('GET', '/things', { ...answer(200), contentType: 'text/html', text: '<html>' });
    recorder.record('GET', '/things', { ...answer(200), contentType: 'application/json', text: '{not json' });
    expect(recorder.result().fields.every((f) => f.seen === 'never')).toBe(true);
    expect(recorder.result().statuses[0]!.seen).toBe(true);
  });
});
