type Schema = Record<string, unknown>;

/** The branch of a `oneOf: [X, null]` (or anyOf) that a value is meant to match; other schemas as they are. */
export function chooseBranch(node: Schema | undefined, value: unknown): Schema | undefined {
  const branches = (node?.oneOf ?? node?.anyOf) as Schema[] | undefined;
  if (!node || !branches) return node;
  const branch = value === null ? branches.find((b) => typesOf(b).includes('null')) : branches.find((b) => !typesOf(b).includes('null'));
  return branch ?? node;
}

/** A schema's `type` as a list. */
export function typesOf(node: Schema): string[] {
  const type = node.type;
  return Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : [];
}

/** Whether a schema takes null: it says so, a branch does, or it says nothing of the value (an undocumented field's). */
export function admitsNull(node: Schema): boolean {
  const branches = (node.oneOf ?? node.anyOf) as Schema[] | undefined;
  if (!branches && typesOf(node).length === 0 && !('enum' in node) && !('const' in node) && !('allOf' in node)) return true;
  return typesOf(node).includes('null') || branches?.some(admitsNull) === true;
}
