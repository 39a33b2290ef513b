import { unescapeToken } from '../text/jsonPointer';

/**
 * Replaces every same-document `$ref` (`#/components/…`) of an OpenAPI document by what it points
 * at, as swagger-parser's dereference does, for where no file can be read (the MSW handlers in a
 * browser). Targets are shared, not copied; a `$ref` with sibling keywords (OpenAPI 3.1 allows
 * them) becomes its target with the siblings over it. A reference to another file is refused.
 */
export function dereference<T extends object>(document: T): T {
  const resolved = new Map<string, unknown>();
  const resolving = new Set<string>();

  const target = (ref: string): unknown => {
    if (!ref.startsWith('#/')) throw new Error(`only references within the document are supported, not ${ref}`);
    const known = resolved.get(ref);
    if (known !== undefined) return known;
    if (resolving.has(ref)) throw new Error(`the reference ${ref} refers to itself`);
    resolving.add(ref);
    let node: unknown = document;
    for (const segment of ref.slice(2).split('/')) {
      const key = unescapeToken(segment);
      node = (node as Record<string, unknown> | undefined)?.[decodeURIComponent(key)];
      if (node === undefined) throw new Error(`the reference ${ref} points at nothing`);
    }
    const value = walk(node);
    resolving.delete(ref);
    resolved.set(ref, value);
    return value;
  };

  const done = new WeakSet<object>();
  const walk = (node: unknown): unknown => {
    if (!node || typeof node !== 'object') return node;
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === 'string') {
      const { $ref, ...siblings } = record;
      const value = target($ref);
      return Object.keys(siblings).length === 0 ? value : { ...(value as object), ...(walk(siblings) as object) };
    }
    if (done.has(record)) return record;
    done.add(record);
    for (const [key, value] of Object.entries(record)) record[key] = walk(value);
    return record;
  };

  return walk(document) as T;
}
