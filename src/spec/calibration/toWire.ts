import { chooseBranch } from './chooseBranch';
import { writeDateTime } from './readDateTime';
import type { WireExtensions } from './wireExtensions';

type Schema = Record<string, unknown> & WireExtensions;

/**
 * A documented value (the engine's canonical job, list or error) in the shape a calibrated spec
 * says the tenant serves: properties renamed from their `x-field`, enum values and types as the
 * wire has them, a list in the wire's envelope. The inverse of documentedView; the identity for the
 * bundled spec. Documented fields the wire schema does not name are left out.
 */
export function toWire(value: unknown, schema: unknown): unknown {
  const node = chooseBranch(schema as Schema | undefined, value) as Schema | undefined;
  if (!node || value === null || value === undefined) return value;
  const envelope = node['x-documented-envelope'];
  if (envelope && node.type === 'array' && value && typeof value === 'object' && !Array.isArray(value)) {
    return toWire((value as Record<string, unknown>)[envelope.items], node);
  }
  if (Array.isArray(value)) return value.map((item) => toWire(item, node.items));
  if (typeof value === 'object') {
    const properties = node.properties as Record<string, Schema> | undefined;
    if (!properties) return value;
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const claimed = new Set<string>();
    for (const [wireName, child] of Object.entries(properties)) {
      const documented = child['x-field'] ?? wireName;
      claimed.add(documented);
      if (documented in source) out[wireName] = toWire(source[documented], child);
    }
    const calibrated = Object.values(properties).some((child) => child['x-field'] !== undefined);
    // An uncalibrated object keeps fields its schema does not name (additional properties), as before.
    if (!calibrated) for (const [key, child] of Object.entries(source)) if (!claimed.has(key)) out[key] = child;
    return out;
  }
  return wireScalar(value, node);
}

function wireScalar(value: unknown, node: Schema): unknown {
  const format = node['x-documented-format'];
  if (format) return writeDateTime(value, format.wire);
  const documented = node['x-documented-values'];
  const values = node.enum as unknown[] | undefined;
  if (documented && values && documented.includes(value)) return values[documented.indexOf(value)];
  if (node['x-documented-type'] === undefined) return value;
  const type = node.type;
  if (type === 'string') return String(value);
  if (type === 'integer' || type === 'number') return Number(value);
  return value;
}
