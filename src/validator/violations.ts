import type { ErrorObject } from 'ajv';
import type { WireViolation } from '../spec/types';
import { suggestRename } from './suggestRename';
import { escapeToken, unescapeToken } from '../text/jsonPointer';

export type ViolationLocation = WireViolation['location'];

/** A violation with what a person needs to fix it; the wire form keeps the first four fields. */
export interface Violation extends WireViolation {
  /** What the rule wants, in words: `one of "running", "completed"`, `string or null`, `present`. */
  expected?: string;
  /** The value found; absent when the value is missing. */
  actual?: unknown;
  /** The rule belongs to a part of the spec marked x-inferred: the documentation did not settle it. */
  inferred?: boolean;
  /** A guess at the cause, such as a renamed field. */
  hint?: string;
}

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
 * not a request's or response's (a fixture file).
 */
export function toViolations(errors: ErrorObject[] | null | undefined, location: ViolationLocation, documentName?: string): Violation[] {
  return firstViolations(errors, location, Infinity, documentName).violations;
}

/** Violations kept for the wire and the journal: the first few, and how many more were found. */
export interface ViolationList {
  violations: Violation[];
  more: number;
}

/** How many violations an answer or a journal entry lists; the rest are counted, not listed. */
export const listedViolations = 20;

/** Two checks as one: the first `listedViolations` listed, the rest counted. */
export function mergeChecks(a: ViolationList, b: ViolationList): ViolationList {
  if (b.violations.length === 0 && b.more === 0) return a;
  const room = Math.max(0, listedViolations - a.violations.length);
  return {
    violations: [...a.violations, ...b.violations.slice(0, room)],
    more: a.more + b.more + Math.max(0, b.violations.length - room),
  };
}

/**
 * The first `limit` violations of ajv's errors and the count of the rest: a body of thousands of
 * broken values costs a short list, not a description of each. A bad property name, which ajv
 * reports twice (by its own rule and by the propertyNames wrapper), is one violation; the noise ajv
 * reports for `oneOf: [X, null]` is folded into one violation per value.
 */
export function firstViolations(
  errors: ErrorObject[] | null | undefined,
  location: ViolationLocation,
  limit: number,
  documentName?: string,
): ViolationList {
  if (!errors) return { violations: [], more: 0 };
  const folded = foldAlternatives(errors.filter((error) => error.keyword !== 'propertyNames'));
  return {
    violations: folded.slice(0, limit).map((error) => toViolation(error, location, documentName)),
    more: Math.max(0, folded.length - limit),
  };
}

function toViolation(error: ErrorObject, location: ViolationLocation, documentName?: string): Violation {
  const pointer = pointerOf(error);
  const violation: Violation = {
    location,
    pointer,
    rule: error.keyword,
    message: `${subject(location, pointer, documentName)} ${describe(error)}`,
    expected: expectedOf(error),
  };
  if (error.keyword !== 'required' && 'data' in error) violation.actual = error.data;
  if (breaksInferredRule(error)) violation.inferred = true;
  const hint = hintFor(error);
  if (hint) violation.hint = hint;
  return violation;
}

/** The four fields of the error shape on the wire. */
export function toWireViolation({ location, pointer, rule, message }: Violation): WireViolation {
  return { location, pointer, rule, message };
}

/** An enum's values as the messages show them: `"running", "completed"`. */
function allowedValues(params: Record<string, unknown>): string {
  return (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
}

/** A type rule's types as the messages show them: `string or null`. */
function typeNames(params: Record<string, unknown>): string {
  return String(params.type).split(',').join(' or ');
}

function expectedOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'present';
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'absent';
    case 'enum':
      return `one of ${allowedValues(params)}`;
    case 'type':
      return typeNames(params);
    case 'format':
      return `a ${String(params.format)}`;
    default:
      return (error.message ?? error.keyword).replace(/^must (be )?/, '');
  }
}

/**
 * Whether the rule's own schema is marked x-inferred (needs ajv's `verbose` errors). A missing
 * field is marked only when the object that requires it is: its presence is documented even where
 * its format or values were inferred. A `null` where the spec wants a value breaks an inferred
 * rule too: the documentation never says which fields may be null (the Job schema says so).
 */
function breaksInferredRule(error: ErrorObject): boolean {
  if (error.keyword === 'type' && (error as { data?: unknown }).data === null) return true;
  return (error.parentSchema as Record<string, unknown> | undefined)?.['x-inferred'] === true;
}

/** A missing field next to an unknown one that looks like it, or an unknown field like a known one. */
function hintFor(error: ErrorObject): string | undefined {
  const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  const known = Object.keys(parent?.properties ?? {});
  const data = (error as { data?: unknown }).data;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && data && typeof data === 'object' && !Array.isArray(data)) {
    const missing = String(params.missingProperty);
    const unknown = Object.keys(data).filter((key) => !known.includes(key));
    const match = suggestRename(missing, unknown);
    if (match) return `\`${match.name}\` found where \`${missing}\` is required: ${match.reason === 'renamed' ? 'renamed?' : 'a typo?'}`;
  }
  if (error.keyword === 'additionalProperties') {
    const extra = String(params.additionalProperty);
    const match = suggestRename(extra, known);
    if (match) return `did you mean \`${match.name}\`?`;
  }
  return undefined;
}

function pointerOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.propertyName !== undefined) return `${error.instancePath}/${escapeToken(error.propertyName)}`;
  if (error.keyword === 'required') return `${error.instancePath}/${escapeToken(String(params.missingProperty))}`;
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const name = params.additionalProperty ?? params.unevaluatedProperty;
    return `${error.instancePath}/${escapeToken(String(name))}`;
  }
  return error.instancePath;
}

function subject(location: ViolationLocation, pointer: string, documentName?: string): string {
  if (location === 'body' || location === 'response') return `${documentName ?? locationNames[location]}${pointer ? ` at ${pointer}` : ''}`;
  const name = pointer.split('/')[1] ?? '';
  return `${locationNames[location]} '${unescapeToken(name)}'${pointer.split('/').length > 2 ? ` at ${pointer}` : ''}`;
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
      return `must be one of: ${allowedValues(params)}`;
    case 'type':
      return `must be ${typeNames(params)}`;
    case 'format':
      return `must be a valid ${String(params.format)}`;
    case 'pattern': {
      // A pattern says little to a person; the schema's description, where there is one, says more.
      const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
      return typeof description === 'string' ? `must be ${description}` : (error.message ?? 'must match its pattern');
    }
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
