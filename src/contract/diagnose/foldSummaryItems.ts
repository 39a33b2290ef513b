import type { Violation } from '../../validator/violations';
import type { Observation } from './observation';
import { keysOf } from '../../text/jsonPointer';

/**
 * List items that lack fields the list page does not document (the spec names those it does in
 * `x-documented-fields`) are summaries: one root cause, not a missing field per item. A missing
 * field the list page documents stays a failure of its own, and so does one missing from some items only.
 */
export function foldSummaryItems(violations: Violation[], schema: unknown, body: unknown, observe: (o: Observation) => void): Violation[] {
  const properties = ((schema as { properties?: Record<string, Record<string, unknown>> } | undefined)?.properties ?? {}) as Record<
    string,
    Record<string, unknown>
  >;
  const itemsKey = Object.keys(properties).find((key) => Array.isArray(properties[key]!['x-documented-fields']));
  if (itemsKey === undefined) return violations;
  const documented = properties[itemsKey]!['x-documented-fields'] as string[];
  const itemPointer = new RegExp(`^/${itemsKey}/\\d+/([^/]+)$`);
  const items = (body as Record<string, unknown[]>)[itemsKey]?.length ?? 0;
  // A field missing from some items only is left out when it has no value (see learnFromViolations), not a summary's.
  const undocumentedMissing = (v: Violation) => {
    const field = v.rule === 'required' ? itemPointer.exec(v.pointer)?.[1] : undefined;
    return field !== undefined && !documented.includes(field) ? field : undefined;
  };
  const missingFrom = new Map<string, number>();
  for (const field of violations.map(undocumentedMissing))
    if (field !== undefined) missingFrom.set(field, (missingFrom.get(field) ?? 0) + 1);
  const missing = new Set([...missingFrom].filter(([, count]) => count === items).map(([field]) => field));
  if (missing.size === 0) return violations;
  observe({ kind: 'summary-items', missing: [...missing], items, list: schema as object, inferred: true });
  return violations.filter((v) => !missing.has(undocumentedMissing(v) ?? ''));
}

/** Whether a pointer names a property of an object (not an array item, not the whole body). */
export function isPropertyOfObject(body: unknown, pointer: string): boolean {
  const segments = keysOf(pointer).slice(0, -1);
  if (pointer === '') return false;
  const parent = segments.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], body);
  return !!parent && typeof parent === 'object' && !Array.isArray(parent);
}
