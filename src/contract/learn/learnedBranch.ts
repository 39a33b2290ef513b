import type { NodeSummary } from './nodeSummaries';

type Schema = Record<string, unknown>;

/**
 * The least general schema, among those the learner writes, that accepts every departing value a
 * summary saw: the values themselves when they were few (an enum the spec did not guess), otherwise
 * their JSON types. It is added beside the spec's schema, never in its place, so what the spec
 * accepted stays accepted: calibration widens an inferred node, it never tightens one.
 */
export function learnedBranch(summary: NodeSummary): Schema {
  const types = [...summary.types.keys()];
  const described = `Learned from ${summary.count} value${summary.count === 1 ? '' : 's'} the tenant sent: it ${headlineOf(summary)}${exampleOf(summary)}.`;
  // An enum of scalars only: objects and arrays are learned as their types.
  const scalars = types.every((type) => type !== 'object' && type !== 'array');
  const seen = [...summary.values].map((text) => JSON.parse(text) as unknown);
  if (summary.departure === 'values' && !summary.overflow && scalars) {
    return { enum: seen, description: described, 'x-inferred': true, 'x-learned': true };
  }
  // A whole number is a number too: one type where the tenant sent both.
  const wide = types.includes('number') ? types.filter((type) => type !== 'integer') : types;
  // The values seen, for the calibrated mock to send in the tenant's form (see toWire).
  const examples = seen.length > 0 ? { examples: seen } : {};
  return { type: wide.length === 1 ? wide[0] : wide, description: described, 'x-inferred': true, 'x-learned': true, ...examples };
}

/** The schema of a property widened by learned branches: `anyOf` the spec's schema and each of them. */
export function widen(property: Schema, branches: Schema[]): Schema {
  if (branches.length === 0) return property;
  const { description, ...rest } = property;
  return { ...(description === undefined ? {} : { description }), 'x-inferred': true, anyOf: [rest, ...branches] };
}

/** What a summary saw, to read after the field's name: `is object, not array` and so on. */
export function headlineOf(summary: NodeSummary): string {
  const types = [...summary.types.keys()].join(' or ');
  switch (summary.departure) {
    case 'type':
      return `is ${types}, not ${summary.expected}`;
    case 'format':
      return `is not ${summary.expected}`;
    case 'values':
      return `has values the spec does not list (${[...summary.values].slice(0, 4).join(', ')}${summary.overflow || summary.values.size > 4 ? ' …' : ''})`;
    case 'bounds':
      return `is outside what the spec guessed (${summary.expected})`;
    case 'absent':
      return 'is left out where the spec has it sent (as null when it has no value)';
  }
}

/** One value a summary saw, cut to read in a line: `e.g. {"id":…}`. */
export function exampleOf(summary: NodeSummary): string {
  return summary.example === undefined || summary.departure === 'values' ? '' : `, e.g. ${summary.example}`;
}
