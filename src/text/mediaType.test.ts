import { isJsonMediaType, mediaTypeOf } from './mediaType';

describe('media types', () => {
  it('are read without their parameters, in lower case', () => {
    expect(mediaTypeOf('Application/JSON; charset=utf-8')).toBe('application/json');
    expect(mediaTypeOf(' text/html ')).toBe('text/html');
  });

  it.each([
    ['application/json', true],
    ['application/problem+json', true],
    ['application/vnd.infor.rpa.v1+json', true],
    ['text/json', true],
    ['application/jsonl', false],
    ['application/json-seq', false],
    ['text/html', false],
    ['text/plain', false],
    ['application/octet-stream', false],
  ])('%s is JSON: %s', (type, json) => {
    expect(isJsonMediaType(type)).toBe(json);
  });
});
