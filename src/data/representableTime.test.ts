import { sweep } from './testing/sweep';
import fc from 'fast-check';
import { checkRepresentableTime, latestTime } from './representableTime';

describe('checkRepresentableTime', () => {
  it('accepts RFC 3339 times from 1970 to the end of 9999, in any offset', () => {
    expect(checkRepresentableTime('2026-03-14T09:30:00Z')).toBeUndefined();
    expect(checkRepresentableTime('1970-01-01T00:00:00.000Z')).toBeUndefined();
    expect(checkRepresentableTime('9999-12-31T23:59:59.999Z')).toBeUndefined();
    expect(checkRepresentableTime('2026-03-14T10:30:00+01:00')).toBeUndefined();
    expect(checkRepresentableTime(latestTime)).toBeUndefined();
    expect(checkRepresentableTime(0)).toBeUndefined();
  });

  it('refuses leap seconds, years past 9999 and times before 1970, saying the rule', () => {
    expect(checkRepresentableTime('2026-12-31T23:59:60Z')).toMatch(/second 60 \(a leap second\)/);
    expect(checkRepresentableTime('9999-12-31T23:59:59-01:00')).toMatch(/after the year 9999/);
    expect(checkRepresentableTime('1970-01-01T00:30:00+01:00')).toMatch(/before 1970/);
    expect(checkRepresentableTime('1969-12-31T23:59:59Z')).toMatch(/before 1970/);
    expect(checkRepresentableTime('+010000-01-01T00:00:00Z')).toMatch(/not an RFC 3339 date-time/);
    expect(checkRepresentableTime(latestTime + 1)).toMatch(/after the year 9999/);
    expect(checkRepresentableTime(-1)).toMatch(/before 1970/);
    expect(checkRepresentableTime(Number.NaN)).toMatch(/not a time/);
    expect(checkRepresentableTime(1e20)).toMatch(/after the year 9999/);
  });

  it('accepts exactly the times whose ISO form is RFC 3339', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e14, max: 3e14 }), (time) => {
        const representable = checkRepresentableTime(time) === undefined;
        expect(representable).toBe(/^\d{4}-/.test(new Date(time).toISOString()) && time >= 0);
        if (representable) expect(checkRepresentableTime(new Date(time).toISOString())).toBeUndefined();
      }),
      { numRuns: sweep(500, 20_000) },
    );
  });
});
