import { isInferred } from './isInferred';
import { sameLetters } from './namingConvention';
import type { Observe } from './observation';

type Schema = Record<string, unknown>;

/**
 * A list body in the spec's envelope. When the schema wraps its items in an object (`{ count,
 * jobs }`) and the server sends a bare array, or wraps them under another key, the items are found
 * by their shape (objects whose keys are the item schema's, in any convention), the departure is
 * observed once, and the body is rebuilt in the spec's envelope so that every check goes on with the
 * items. A required integer the wrapper lacks (the count) is taken as the number of items, the one
 * number a wrapper of a whole list can carry.
 */
export function unwrapList(body: unknown, schema: unknown, observe: Observe): unknown {
  const node = schema as Schema | undefined;
  const properties = (node?.properties ?? {}) as Record<string, Schema>;
  const itemsKey = listItemsKey(node);
  if (!node || itemsKey === undefined) return body;
  // The items under the spec's key in any naming convention: a naming matter, not an envelope.
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    if (Object.entries(body).some(([key, value]) => sameLetters(key, itemsKey) && Array.isArray(value))) return body;
  }
  const itemSchema = properties[itemsKey]!.items as Schema | undefined;
  const found = findItems(body, itemSchema, itemsKey);
  if (!found) return body;
  observe({ kind: 'envelope', wrapper: found.wrapper, items: found.items.length, key: found.key, list: node, inferred: isInferred(node) });
  const rebuilt: Schema = Array.isArray(body) ? {} : { ...(body as Schema) };
  if (found.key !== undefined) delete rebuilt[found.key];
  rebuilt[itemsKey] = found.items;
  for (const name of (node.required as string[] | undefined) ?? []) {
    const present = Object.keys(rebuilt).find((key) => sameLetters(key, name));
    if (present === undefined && properties[name]?.type === 'integer') rebuilt[name] = found.items.length;
  }
  return rebuilt;
}

/** The array property of a list wrapper (`jobs` of `{ count, jobs }`), if the schema is one. */
export function listItemsKey(schema: unknown): string | undefined {
  const node = schema as Schema | undefined;
  if (node?.type !== 'object') return undefined;
  const properties = (node.properties ?? {}) as Record<string, Schema>;
  const arrays = Object.keys(properties).filter((key) => properties[key]!.type === 'array');
  return arrays.length === 1 ? arrays[0] : undefined;
}

function findItems(body: unknown, itemSchema: Schema | undefined, itemsKey: string) {
  if (Array.isArray(body)) return looksLikeItems(body, itemSchema) ? { items: body, wrapper: 'a bare array', key: undefined } : undefined;
  if (!body || typeof body !== 'object') return undefined;
  const entries = Object.entries(body as Schema).filter(
    ([, value]) => Array.isArray(value) && looksLikeItems(value as unknown[], itemSchema),
  );
  const [key, items] = entries[0] ?? [];
  if (key === undefined) return undefined;
  const shape = Object.keys(body as Schema).join(', ');
  return { items: items as unknown[], wrapper: `{ ${shape} } (the items under '${key}', not '${itemsKey}')`, key };
}

/** Objects that carry at least a third of the item schema's fields, under any spelling; an empty array fits any list. */
function looksLikeItems(values: unknown[], itemSchema: Schema | undefined): boolean {
  const names = Object.keys((itemSchema?.properties ?? {}) as Schema);
  if (values.length === 0) return true;
  const first = values[0];
  if (!first || typeof first !== 'object' || Array.isArray(first)) return false;
  const keys = Object.keys(first);
  const matches = names.filter((name) => keys.some((key) => sameLetters(key, name))).length;
  return names.length === 0 || matches >= Math.max(1, Math.ceil(names.length / 3));
}
