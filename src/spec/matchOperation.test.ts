import { createOperationMatcher } from './matchOperation';
import type { Operation } from './operations';

const operation = (operationId: string, method: Operation['method'], pathTemplate: string): Operation => ({
  operationId,
  method,
  pathTemplate,
  parameters: [],
  requestBody: undefined,
  responses: {},
  secured: true,
  inferred: false,
  successStatus: 200,
  queryDefaults: {},
});

const match = createOperationMatcher([
  operation('getJob', 'get', '/jobs/{id}'),
  operation('listJobs', 'get', '/jobs'),
  operation('executeJob', 'post', '/jobs/{id}/_execute'),
  operation('getRunning', 'get', '/jobs/running'),
]);

describe('createOperationMatcher', () => {
  it('matches templates and decodes their parameters', () => {
    expect(match('GET', '/jobs/a%20b')).toMatchObject({ kind: 'matched', operation: { operationId: 'getJob' }, pathParams: { id: 'a b' } });
    expect(match('POST', '/jobs/7/_execute')).toMatchObject({
      kind: 'matched',
      operation: { operationId: 'executeJob' },
      pathParams: { id: '7' },
    });
  });

  it('prefers a path without parameters over a templated one', () => {
    expect(match('GET', '/jobs/running')).toMatchObject({ kind: 'matched', operation: { operationId: 'getRunning' } });
  });

  it('names an unknown path and a known path with the wrong method', () => {
    expect(match('GET', '/jobs/7/other')).toEqual({ kind: 'not_found' });
    expect(match('GET', '/jobs/')).toEqual({ kind: 'not_found' });
    expect(match('DELETE', '/jobs/7')).toEqual({ kind: 'method_not_allowed', allow: ['GET', 'HEAD'] });
    expect(match('GET', '/jobs/7/_execute')).toEqual({ kind: 'method_not_allowed', allow: ['POST'] });
  });

  it('answers HEAD as GET', () => {
    expect(match('HEAD', '/jobs/7')).toMatchObject({ kind: 'matched', operation: { operationId: 'getJob' } });
  });
});
