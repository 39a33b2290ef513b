import type { Violation } from '../validator/violations';

/** Per-request control through the `Prefer` header, as Prism defines it. */
export interface Preferences {
  /** Answer with this status (`Prefer: code=404`). */
  code?: number;
  /** Answer with this named example of the spec (`Prefer: example=inactive`). */
  example?: string;
  /** Generate the answer from the schema (true) or serve the spec's example (false). */
  dynamic?: boolean;
}

/**
 * Decodes every `Prefer` header of a request, the one place that does. Unknown preferences are
 * ignored (RFC 7240); a known one with a bad value is a violation, answered with 400.
 * `decodePreferences('code=404, dynamic=true')` → `{ preferences: { code: 404, dynamic: true } }`.
 */
export function decodePreferences(header: string | string[] | undefined): { preferences: Preferences; violations: Violation[] } {
  const preferences: Preferences = {};
  const violations: Violation[] = [];
  const parts = (Array.isArray(header) ? header : header ? [header] : []).flatMap((value) => value.split(','));
  for (const part of parts) {
    const [rawKey, ...rest] = part.split('=');
    const key = rawKey!.trim().toLowerCase();
    const value = rest
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    const bad = (expected: string) =>
      violations.push({
        location: 'header',
        pointer: '/prefer',
        rule: 'prefer',
        message: `header 'prefer': ${key}=${value} is not valid; ${key} must be ${expected}`,
        expected,
        actual: value,
      });
    if (key === 'code') {
      if (/^[1-5]\d\d$/.test(value)) preferences.code = Number(value);
      else bad('an HTTP status code such as 404');
    } else if (key === 'example') {
      if (value) preferences.example = value;
      else bad('the name of an example in the spec');
    } else if (key === 'dynamic') {
      if (value === 'true' || value === 'false') preferences.dynamic = value === 'true';
      else bad('true or false');
    }
  }
  return { preferences, violations };
}
