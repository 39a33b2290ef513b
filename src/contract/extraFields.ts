import { escapeToken } from '../text/jsonPointer';
/**
 * Fields a response carries that the spec does not know, as JSON pointers. A newer server may add
 * fields, so these are warnings; a renamed field shows here too, beside its missing twin.
 */
export function findExtraFields(schema: unknown, value: unknown, pointer = ''): string[] {
  const node = schema as Record<string, unknown> | undefined;
  if (!node || value === null || typeof value !== 'object') return [];
  const branches = (node.oneOf ?? node.anyOf) as unknown[] | undefined;
  if (branches) {
    const branch = branches.find((b) => matchesType(b, value));
    return branch ? findExtraFields(branch, value, pointer) : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => findExtraFields(node.items, item, `${pointer}/${i}`));
  const properties = node.properties as Record<string, unknown> | undefined;
  if (!properties) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key in properties ? findExtraFields(properties[key], child, `${pointer}/${escapeToken(key)}`) : [`${pointer}/${escapeToken(key)}`],
  );
}

function matchesType(schema: unknown, value: unknown): boolean {
  const type = (schema as { type?: string | string[] }).type;
  const types = Array.isArray(type) ? type : type ? [type] : ['object', 'array'];
  return types.includes(Array.isArray(value) ? 'array' : 'object');
}
