import { errorBodyMessage, htmlPageTitle } from './errorBody';

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

  it('reads an HTML page, by its media type or its first tag, as its title, and nothing else as one', () => {
    expect(htmlPageTitle('text/html', '<html><head><title>\n Sign in | Infor </title></head></html>')).toBe('Sign in | Infor');
    expect(htmlPageTitle('application/json', '<!DOCTYPE html>\n<html><body><p>Portal</p></body></html>')).toBe('Portal');
    expect(htmlPageTitle('text/html', '<p></p>')).toBe('(no title)');
    // JSON under the wrong media type is a content-type departure, not a page.
    expect(htmlPageTitle('text/html', '{"id": "x"}')).toBeUndefined();
    expect(htmlPageTitle('application/json', '{"jobs": []}')).toBeUndefined();
    expect(htmlPageTitle('text/plain', 'a <b>bold</b> claim')).toBeUndefined();
  });
});
