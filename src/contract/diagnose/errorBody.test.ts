import { errorBodyMessage } from './errorBody';

describe('errorBodyMessage', () => {
  it.each([
    [{ error: 'not authorized' }, 'not authorized'],
    [{ error: 'invalid_token', error_description: 'The access token expired' }, 'The access token expired'],
    [
      { timestamp: '2026-03-14T09:30:00Z', status: 403, error: 'Forbidden', message: 'Access is denied', path: '/api/v1/rpa/jobs' },
      'Access is denied',
    ],
    [{ type: 'about:blank', title: 'Forbidden', status: 403, traceId: '00-1' }, 'Forbidden'],
    [{ fault: { faultstring: 'Rate limit quota violation', detail: { errorcode: 'x' } } }, 'Rate limit quota violation'],
    [{ Errors: [{ Code: 'E1', Message: 'Tenant not provisioned for RPA' }] }, 'Tenant not provisioned for RPA'],
  ])('reads %j as an error: %s', (body, message) => {
    expect(errorBodyMessage(body)).toBe(message);
  });

  it.each([
    [{ count: 0, jobs: [] }],
    [[]],
    [{ id: 'x', status: 'running', message: 'a job may say this' }],
    [{ status: 'completed' }],
    [{}],
    ['text'],
  ])('leaves %j to be read as the API', (body) => {
    expect(errorBodyMessage(body)).toBeUndefined();
  });
});
