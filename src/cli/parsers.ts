import { InvalidArgumentError } from 'commander';

/** Parsers for flag values: each rejects a bad value with a message saying what is expected. */

export function integerIn(min: number, max: number, what: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}.`);
    const number = Number(value);
    if (number < min || number > max) throw new InvalidArgumentError(`${what} must be from ${min} to ${max}.`);
    return number;
  };
}

/** `--now`: an RFC 3339 date-time, or `real` for the time the mock starts. */
export function parseNow(value: string): number | 'real' {
  if (value === 'real') return 'real';
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(time)) {
    throw new InvalidArgumentError("expected an RFC 3339 date-time such as 2026-03-14T09:30:00Z, or 'real'.");
  }
  return time;
}

/** Collects a repeatable flag: `--cors-origin a --cors-origin b`. */
export function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  ];
}

/** `--latency`: milliseconds, `100` or `50-400`. */
export function parseLatency(value: string): string {
  const match = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected milliseconds, such as 100, or a range such as 50-400.');
  if (match[2] !== undefined && Number(match[2]) < Number(match[1]))
    throw new InvalidArgumentError('the range must go from low to high, such as 50-400.');
  return value.trim();
}

/** `--error-rate`: a share from 0 to 1. */
export function parseShare(value: string): number {
  const share = Number(value);
  if (value.trim() === '' || !Number.isFinite(share) || share < 0 || share > 1)
    throw new InvalidArgumentError('expected a share from 0 to 1, such as 0.1.');
  return share;
}

/** A size in bytes: `33554432`, `512k` or `32m` (KiB and MiB), from `min` to `max` bytes. */
export function bytesIn(min: number, max: number, what: string): (value: string) => number {
  return (value) => {
    const match = /^(\d+)\s*([km]?)b?$/i.exec(value.trim());
    if (!match) throw new InvalidArgumentError(`${what} must be a number of bytes, such as 33554432, 512k or 32m.`);
    const bytes = Number(match[1]) * { '': 1, k: 1024, m: 1024 * 1024 }[match[2]!.toLowerCase() as '' | 'k' | 'm'];
    if (bytes < min || bytes > max) throw new InvalidArgumentError(`${what} must be from ${min} to ${max} bytes.`);
    return bytes;
  };
}
