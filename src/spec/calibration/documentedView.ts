import { chooseBranch } from './chooseBranch';
import { readDateTime } from './readDateTime';
import type { WireExtensions } from './wireExtensions';

type Schema = Record<string, unknown> & WireExtensions;

/**
 * A wire value as the documentation names it: properties under their `x-field`, enum values and
 * types as documented, a list in its documented envelope. The identity for the bundled spec, which
 * has none of these extensions. `documentedView({ jobName: 'x' }, calibratedJob)` → `{ job_name: 'x' }`.
 */
export function documentedView(value: unknown, schema: unknown): unknown {
  const node = chooseBranch(schema as Schema | undefined, value) as Schema | undefined;
  if (!node || value === null || value === undefined) return value;
  const envelope = node['x-documented-envelope'];
  if (Array.isArray(value)) {
    const items = value.map((item) => documentedView(item, node.items));
    return envelope ? { [envelope.count]: items.length, [envelope.items]: items } : items;
  }
  if (typeof value === 'object') {
    const properties = (node.properties ?? {}) as Record<string, Schema>;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[properties[key]?.['x-field'] ?? key] = documentedView(child, properties[key]);
    if (envelope && Array.isArray(out[envelope.items])) out[envelope.count] ??= (out[envelope.items] as unknown[]).length;
    return out;
  }
  return documentedScalar(value, node);
}

function documentedScalar(value: unknown, node: Schema): unknown {
  if (node['x-documented-format'] && (typeof value === 'string' || typeof value === 'number')) return readDateTime(value)?.iso ?? value;
  const documented = node['x-documented-values'];
  const values = node.enum as unknown[] | undefined;
  if (documented && values && values.includes(value)) return documented[values.indexOf(value)];
  const type = node['x-documented-type'];
  if (type === 'integer' || type === 'number') return Number(value);
  if (type === 'boolean') return String(value).toLowerCase() === 'true';
  if (type === 'string') return String(value);
  return value;
}
