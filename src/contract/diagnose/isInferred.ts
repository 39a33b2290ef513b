type Schema = Record<string, unknown>;

/** Whether a schema node, or one of its `allOf` parts, is marked x-inferred. */
export function isInferred(node: unknown): boolean {
  const record = node as Schema | undefined;
  if (!record) return false;
  return record['x-inferred'] === true || ((record.allOf as unknown[] | undefined) ?? []).some(isInferred);
}
