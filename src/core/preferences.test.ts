import { decodePreferences } from './preferences';

describe('decodePreferences', () => {
  it('reads code, example and dynamic from one or more Prefer headers', () => {
    expect(decodePreferences('code=404, dynamic=true').preferences).toEqual({ code: 404, dynamic: true });
    expect(decodePreferences(['example="JobInactive"', 'dynamic=false']).preferences).toEqual({ example: 'JobInactive', dynamic: false });
    expect(decodePreferences(undefined)).toEqual({ preferences: {}, violations: [] });
  });

  it('ignores preferences it does not know', () => {
    expect(decodePreferences('respond-async, wait=10, code=202')).toEqual({ preferences: { code: 202 }, violations: [] });
  });

  it('names a bad value', () => {
    const { violations } = decodePreferences('code=abc, dynamic=yes');
    expect(violations.map((v) => v.message)).toEqual([
      "header 'prefer': code=abc is not valid; code must be an HTTP status code such as 404",
      "header 'prefer': dynamic=yes is not valid; dynamic must be true or false",
    ]);
  });
});
