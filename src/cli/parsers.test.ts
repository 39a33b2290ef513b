import { InvalidArgumentError } from 'commander';
import { bytesIn, collect, integerIn, parseLatency, parseNow, parseShare } from './parsers';

describe('flag parsers', () => {
  it('read good values', () => {
    expect(integerIn(0, 10, 'x')('7')).toBe(7);
    expect(parseNow('real')).toBe('real');
    expect(parseNow('2026-03-14T09:30:00Z')).toBe(Date.parse('2026-03-14T09:30:00Z'));
    expect(parseLatency('50-400')).toBe('50-400');
    expect(parseShare('0.25')).toBe(0.25);
    expect(collect('https://a.example, https://b.example', ['*'])).toEqual(['*', 'https://a.example', 'https://b.example']);
  });

  it('refuse bad values with what is expected', () => {
    expect(() => integerIn(0, 10, 'jobs')('11')).toThrow(new InvalidArgumentError('jobs must be from 0 to 10.'));
    expect(() => integerIn(0, 10, 'jobs')('-1')).toThrow(/whole number/);
    expect(() => parseNow('2026-13-45')).toThrow(/RFC 3339/);
    expect(() => parseLatency('400-50')).toThrow(/low to high/);
    expect(() => parseShare('')).toThrow(/share from 0 to 1/);
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
