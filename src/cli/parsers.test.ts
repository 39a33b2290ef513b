import { InvalidArgumentError } from 'commander';
import { bytesIn, collect, integerIn, parseNow, parseNumber } from './parsers';

describe('flag parsers', () => {
  it('read good values', () => {
    expect(integerIn(0, 10, 'x')('7')).toBe(7);
    expect(parseNow('real')).toBe('real');
    expect(parseNow('2026-03-14T09:30:00Z')).toBe(Date.parse('2026-03-14T09:30:00Z'));
    expect(parseNumber('0.25')).toBe(0.25);
    expect(collect('https://a.example, https://b.example', ['*'])).toEqual(['*', 'https://a.example', 'https://b.example']);
  });

  it('refuse bad values with what is expected', () => {
    expect(() => integerIn(0, 10, 'jobs')('11')).toThrow(new InvalidArgumentError('jobs must be from 0 to 10.'));
    expect(() => integerIn(0, 10, 'jobs')('-1')).toThrow(/whole number/);
    expect(() => parseNow('2026-13-45')).toThrow(/RFC 3339/);
    expect(() => parseNumber('')).toThrow(/expected a number/);
    expect(() => parseNumber('often')).toThrow(/expected a number/);
    expect(() => parseNow('2026-12-31T23:59:60Z')).toThrow(/second 60 \(a leap second\)/);
    expect(() => parseNow('9999-12-31T23:59:59-01:00')).toThrow(/after the year 9999/);
    expect(() => parseNow('1969-07-20T20:17:00Z')).toThrow(/before 1970/);
  });

  it('read sizes in bytes, KiB or MiB, within their bounds', () => {
    const size = bytesIn(1024, 64 * 1024 * 1024, 'journal-bytes');
    expect(size('2048')).toBe(2048);
    expect(size('512k')).toBe(512 * 1024);
    expect(size('32M')).toBe(32 * 1024 * 1024);
    expect(() => size('1')).toThrow(/from 1024 to/);
    expect(() => size('lots')).toThrow(/such as 33554432, 512k or 32m/);
  });
});
