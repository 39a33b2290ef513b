/**
 * The instants the mock can hold and write: every date-time on the wire is `Date#toISOString()`,
 * which writes a year past 9999 as `+010000-…` (not RFC 3339), and JavaScript dates have no leap
 * seconds (`Date.parse('…T23:59:60Z')` is NaN). The clock starts no earlier than the Unix epoch.
 */
export const earliestTime = 0;
export const latestTime = Date.parse('9999-12-31T23:59:59.999Z');

const range = '1970-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z';
const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:(\d{2})(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** A time the clock cannot represent; the message says the rule. */
export class UnrepresentableTimeError extends Error {
  constructor(readonly rule: string) {
    super(rule);
    this.name = 'UnrepresentableTimeError';
  }
}

/**
 * Why the clock cannot hold a time (RFC 3339 text or epoch milliseconds), or undefined when it can.
 * `checkRepresentableTime('2026-12-31T23:59:60Z')` → 'second 60 (a leap second) …'.
 */
export function checkRepresentableTime(time: string | number): string | undefined {
  if (typeof time === 'string') {
    const match = rfc3339.exec(time);
    if (!match) return `'${time}' is not an RFC 3339 date-time such as 2026-03-14T09:30:00Z`;
    if (match[1] === '60') return `'${time}' has second 60 (a leap second), which the clock cannot represent; use second 59`;
    const parsed = Date.parse(time);
    if (Number.isNaN(parsed)) return `'${time}' is not a calendar date-time`;
    return outOfRange(parsed, `'${time}'`);
  }
  return outOfRange(time, Math.abs(time) <= 8.64e15 ? new Date(time).toISOString() : `${time} ms after 1970`);
}

/** Throws UnrepresentableTimeError unless the clock can hold the time. */
export function assertRepresentableTime(time: string | number): void {
  const problem = checkRepresentableTime(time);
  if (problem !== undefined) throw new UnrepresentableTimeError(problem);
}

function outOfRange(time: number, shown: string): string | undefined {
  if (!Number.isFinite(time)) return `${time} is not a time`;
  if (time < earliestTime) return `${shown} is before 1970: the clock runs from ${range}`;
  if (time > latestTime) return `${shown} is after the year 9999: the clock runs from ${range}`;
  return undefined;
}
