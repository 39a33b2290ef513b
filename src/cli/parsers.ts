import { InvalidArgumentError } from 'commander';
import controlJson from '../spec/control.gen.json';
import { checkRepresentableTime } from '../data/representableTime';
import { refuseUrlCredentials } from '../credentials/refuseUrlCredentials';
import { tenantPattern } from '../options';

/** Parsers for flag values: each rejects a bad value with a message saying what is expected. */

export function integerIn(min: number, max: number, what: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}.`);
    const number = Number(value);
    if (number < min || number > max) throw new InvalidArgumentError(`${what} must be from ${min} to ${max}.`);
    return number;
  };
}

/** `--now`: an RFC 3339 date-time the clock can represent (1970 to 9999, no leap second), or `real` for the time the mock starts. */
export function parseNow(value: string): number | 'real' {
  if (value === 'real') return 'real';
  const problem = checkRepresentableTime(value);
  if (problem !== undefined) throw new InvalidArgumentError(`${problem}; --now also takes 'real', the time the mock starts.`);
  return Date.parse(value);
}

/** The control spec's latency in text, as a scenario writes it: its pattern and what it says in words. */
const latencyText = controlJson.components.schemas.Latency.oneOf[1] as { pattern: string; description: string };

/** `--latency`: milliseconds, or a range of them, as a scenario's `latency` (the control spec says which). */
export function parseLatency(value: string): string {
  if (!new RegExp(latencyText.pattern).test(value)) throw new InvalidArgumentError(`expected ${latencyText.description}.`);
  return value;
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

/** A number, such as `--error-rate 0.1`; its range is the spec's to check. */
export function parseNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new InvalidArgumentError('expected a number, such as 0.1.');
  return number;
}

/** `--state`: a Redis URL, `redis://host:port/db` (or `rediss://` over TLS). */
export function parseStateUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('expected a Redis URL such as redis://127.0.0.1:6379/0.');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new InvalidArgumentError('expected a Redis URL such as redis://127.0.0.1:6379/0.');
  if (!/^\/?\d*$/.test(url.pathname))
    throw new InvalidArgumentError('the database of a Redis URL is a number, such as redis://127.0.0.1:6379/0.');
  return value;
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

/**
 * A base URL of the API, such as `--base-url` or `--upstream`: http(s), without credentials in it
 * (refused before the format check: commander repeats a refused value, and this one would hold a password).
 */
export function parseBaseUrl(flag: string): (value: string) => string {
  return (value) => {
    refuseUrlCredentials(value, flag);
    if (!/^https?:\/\/[^/]+/.test(value))
      throw new InvalidArgumentError('expected an http(s) URL such as https://mingle-ionapi.example.com/ACME_TST/RPA.');
    return value.replace(/\/+$/, '');
  };
}

/** `--gateway`: a tenant as it appears in a gateway URL, such as `ACME_TST`. */
export function parseTenant(value: string): string {
  if (!tenantPattern.test(value)) throw new InvalidArgumentError('expected a tenant such as ACME_TST: letters, digits, _ and -.');
  return value;
}

/** A share in percent, such as `--min-coverage 80` or `62.5`: from 0 to 100. */
export function parsePercent(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 100)
    throw new InvalidArgumentError('expected a percentage from 0 to 100, such as 80.');
  return number;
}
