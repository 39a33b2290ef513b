import { admitsNull } from '../../spec/calibration/chooseBranch';
import type { Violation } from '../../validator/violations';
import { locateNode, type LocatedNode } from './locateNode';
import type { Departure } from './nodeSummaries';

/** Records a departing value at an inferred node; returns the key of the root cause it belongs to, or undefined when it is not learnable. */
export type Learn = (node: LocatedNode, departure: Departure, value: unknown, expected: string) => string | undefined;

/**
 * The violations of a success body that lie on inferred nodes go to the learner, one summary per
 * schema node and departure, whatever the node or the rule: a field's type or shape, its format,
 * its values, its bounds, and its presence where the spec only guessed that an empty value is sent
 * as null. What the documentation settles (a documented field's presence, a documented value or
 * type) is never learned and stays a finding. Returns the violations left and the causes found.
 */
export function learnFromViolations(
  violations: Violation[],
  schema: unknown,
  body: unknown,
  components: ReadonlySet<object>,
  learn: Learn,
): { kept: Violation[]; causes: string[] } {
  const causes = new Set<string>();
  const kept = violations.filter((violation) => {
    if (violation.pointer === '') return true;
    const node = locateNode(schema, body, violation.pointer, components);
    const departure = node && departureOf(violation, node);
    if (!node || !departure) return true;
    const key = learn(node, departure, violation.actual, violation.expected ?? violation.rule);
    if (key === undefined) return true;
    causes.add(key);
    return false;
  });
  return { kept, causes: [...causes] };
}

/** What kind of departure a violation is, or undefined when it breaks what the documentation settles. */
function departureOf(violation: Violation, node: LocatedNode): Departure | undefined {
  if (violation.rule === 'required') return node.ownerInferred || (!node.item && admitsNull(node.schema)) ? 'absent' : undefined;
  if (!node.inferred) return undefined;
  switch (violation.rule) {
    case 'type':
      // A null where a value is wanted is read and named by canonicaliseBody (its 'null' root cause).
      return violation.actual === null ? undefined : 'type';
    case 'format':
      return 'format';
    case 'enum':
    case 'const':
      return 'values';
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return undefined;
    default:
      return 'bounds';
  }
}
