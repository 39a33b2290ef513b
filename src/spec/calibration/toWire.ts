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
  if (value === null || value === undefined) return value;
  const learned = learnedScalar(value, schema as Schema | undefined);
  if (learned !== undefined) return learned;
  const node = chooseBranch(schema as Schema | undefined, value) as Schema | undefined;
  if (!node) return value;
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
      if (!(documented in source) || (source[documented] === null && child['x-omitted-when-null'])) continue;
      out[wireName] = toWire(source[documented], child);
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

/**
 * A value in the form calibration learned for its node (an `x-learned` scalar branch of an `anyOf`),
 * so the mock answers as the tenant does: a documented object the tenant refers to by id (an
 * execution) as its id, otherwise one of the values seen, the same one for the same documented
 * value. Undefined where nothing scalar was learned: the documented value, which the spec still takes.
 */
function learnedScalar(value: unknown, schema: Schema | undefined): unknown {
  const branch = (schema?.anyOf as Schema[] | undefined)?.find((candidate) => candidate['x-learned'] === true);
  if (!branch) return undefined;
  const pool = (branch.enum ?? branch.examples) as unknown[] | undefined;
  const types = Array.isArray(branch.type) ? (branch.type as string[]) : [branch.type];
  const scalar = branch.enum !== undefined || types.every((type) => ['string', 'number', 'integer', 'boolean'].includes(String(type)));
  if (!scalar) return undefined;
  const id = (value as { id?: unknown }).id;
  if (branch.enum === undefined && types.includes('string') && typeof id === 'string') return id;
  if (!pool || pool.length === 0) return undefined;
  const text = JSON.stringify(value) ?? '';
  let hash = 0;
  for (let k = 0; k < text.length; k++) hash = (hash * 31 + text.charCodeAt(k)) >>> 0;
  return pool[hash % pool.length];
}
