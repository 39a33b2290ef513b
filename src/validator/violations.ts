import type { ErrorObject } from 'ajv';
import type { Violation } from '../spec/types';

export type ViolationLocation = Violation['location'];

/** What a location is called in messages. */
const locationNames: Record<ViolationLocation, string> = {
  path: 'path parameter',
  query: 'query parameter',
  header: 'header',
  body: 'request body',
  response: 'response body',
};

/**
 * Converts ajv's errors into violations, the one place that does: each names the value (JSON
 * pointer), the rule (schema keyword) and what the rule expects; `documentName` names a body that is
 * not a request's or response's (a fixture file). The noise ajv reports for
 * `oneOf: [X, null]` is folded into one violation per value.
 */
export function toViolations(errors: ErrorObject[] | null | undefined, location: ViolationLocation, documentName?: string): Violation[] {
  if (!errors) return [];
  return foldAlternatives(errors).map((error) => {
    const pointer = pointerOf(error);
    return { location, pointer, rule: error.keyword, message: `${subject(location, pointer, documentName)} ${describe(error)}` };
  });
}

function pointerOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `${error.instancePath}/${escapePointer(String(params.missingProperty))}`;
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const name = params.additionalProperty ?? params.unevaluatedProperty;
    return `${error.instancePath}/${escapePointer(String(name))}`;
  }
  return error.instancePath;
}

function subject(location: ViolationLocation, pointer: string, documentName?: string): string {
  if (location === 'body' || location === 'response') return `${documentName ?? locationNames[location]}${pointer ? ` at ${pointer}` : ''}`;
  const name = pointer.split('/')[1] ?? '';
  return `${locationNames[location]} '${unescapePointer(name)}'${pointer.split('/').length > 2 ? ` at ${pointer}` : ''}`;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'is not allowed here (unknown property)';
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `must be ${String(params.type).split(',').join(' or ')}`;
    case 'format':
      return `must be a valid ${String(params.format)}`;
    default:
      return error.message ?? `breaks the '${error.keyword}' rule`;
  }
}

/** Drops the `oneOf` wrapper and merges the type errors of its branches ("must be string or null"). */
function foldAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const group = byPath.get(error.instancePath) ?? [];
    group.push(error);
    byPath.set(error.instancePath, group);
  }
  const folded: ErrorObject[] = [];
  for (const group of byPath.values()) {
    const specific = group.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
    const candidates = specific.length > 0 ? specific : group;
    const types = candidates.filter((e) => e.keyword === 'type');
    const others = candidates.filter((e) => e.keyword !== 'type');
    // A value that breaks a rule of one branch (format, enum …) is better described by that rule.
    if (others.length > 0) {
      folded.push(...others);
    } else if (types.length > 0) {
      const names = [...new Set(types.flatMap((e) => String((e.params as { type: unknown }).type).split(',')))];
      folded.push({ ...types[0]!, params: { type: names.join(',') } });
    }
  }
  return folded;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
