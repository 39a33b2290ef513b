import { conventionsSpelling, sameLetters } from './namingConvention';
import type { Observe } from './observation';
import { admitsNull, chooseBranch, typesOf } from '../../spec/calibration/chooseBranch';
import { readDateTime } from '../../spec/calibration/readDateTime';
import { listItemsKey } from './unwrapList';
import { isInferred } from './isInferred';

type Schema = Record<string, unknown>;

/** The field path of a list's items array, whose items are read as top-level values. */
const listItems = '\u0000items';

/**
 * Reads a body the way the spec spells it: keys found under another naming convention or a
 * documented alias (`x-aliases`) are moved to their documented name, enum values spelled in another
 * case, numbers sent as strings (and the reverse) and date-times in another format are read as the
 * spec's. Each departure is reported through `observe` once per value, so that the caller can name
 * the root cause once and still validate what the server meant.
 * `canonicaliseBody({ jobName: 'x' }, jobSchema, observe)` → `{ job_name: 'x' }`.
 */
export function canonicaliseBody(value: unknown, schema: unknown, observe: Observe, field = '', outerInferred = false): unknown {
  // The outer node's x-inferred (its description says why) holds for the branch of a oneOf it chose.
  const inferred = outerInferred || isInferred(schema);
  const node = chooseBranch(schema as Schema | undefined, value);
  if (!node || value === null || value === undefined) return value;
  if (Array.isArray(value)) {
    // The items of a list read as top-level fields: a job's `job_name` is the same field in the list and by id.
    const itemField = field === listItems || field === '' ? '' : `${field}[]`;
    return node.items ? value.map((item) => canonicaliseBody(item, node.items, observe, itemField)) : value;
  }
  if (typeof value === 'object') return canonicaliseObject(value as Record<string, unknown>, node, observe, field);
  return canonicaliseScalar(value, node, observe, field, inferred || isInferred(node));
}

function canonicaliseObject(value: Record<string, unknown>, node: Schema, observe: Observe, field: string): unknown {
  const properties = node.properties as Record<string, Schema> | undefined;
  if (!properties) return value;
  const out: Record<string, unknown> = {};
  const used = new Set<string>();
  for (const [name, child] of Object.entries(properties)) {
    const aliases = (child['x-aliases'] as string[] | undefined) ?? [];
    const key = findKey(value, name, aliases, used);
    if (key === undefined) continue;
    used.add(key);
    const path = field ? `${field}.${name}` : name;
    // Which fields may be null is never documented (the Job schema says so): a null where the spec
    // wants a value is one root cause, not a type error per job.
    if (value[key] === null && !admitsNull(child)) observe({ kind: 'null', field: path, owner: node, property: name, inferred: true });
    observe({ kind: 'name', field: path, canonical: name, found: key, alias: aliases.includes(key), owner: node });
    out[name] = canonicaliseBody(value[key], child, observe, field === '' && name === listItemsKey(node) ? listItems : path);
  }
  for (const [key, child] of Object.entries(value)) {
    if (used.has(key) || key in out) continue;
    observe({ kind: 'extra', field: field ? `${field}.${key}` : key, name: key, value: child, owner: node });
    out[key] = child;
  }
  return out;
}

/** The key that carries `name`: itself, a documented alias, or the same letters in another convention. */
function findKey(value: Record<string, unknown>, name: string, aliases: string[], used: Set<string>): string | undefined {
  if (name in value) return name;
  const alias = aliases.find((candidate) => candidate in value);
  if (alias) return alias;
  const keys = Object.keys(value).filter((key) => !used.has(key) && sameLetters(key, name));
  return keys.find((key) => conventionsSpelling(name, key).length > 0) ?? keys[0];
}

function canonicaliseScalar(value: unknown, node: Schema, observe: Observe, field: string, inferred: boolean): unknown {
  const types = typesOf(node);
  if (node.format === 'date-time' && (typeof value === 'number' || typeof value === 'string')) {
    const read = readDateTime(value);
    if (read && read.form !== 'RFC 3339') {
      observe({ kind: 'format', field, format: 'date-time', found: read.form, example: value, inferred, node });
      return read.iso;
    }
    if (read) return value;
  }
  const values = node.enum as unknown[] | undefined;
  if (values && typeof value === 'string' && !values.includes(value)) {
    const canonical = values.find((candidate) => typeof candidate === 'string' && sameLetters(candidate, value));
    if (typeof canonical === 'string') {
      observe({ kind: 'enum-spelling', field, found: value, canonical, inferred, node });
      return canonical;
    }
  }
  const swapped = swapType(value, types);
  if (swapped !== undefined) {
    observe({ kind: 'type', field, expected: typeof swapped, found: typeof value, example: value, inferred, node });
    return swapped;
  }
  return value;
}

/** A number sent as a string, a string sent as a number, a boolean sent as a string: read as the spec's type. */
function swapType(value: unknown, types: string[]): unknown {
  const wantsNumber = types.includes('integer') || types.includes('number');
  if (typeof value === 'string' && wantsNumber && !types.includes('string') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (typeof value === 'string' && types.includes('boolean') && !types.includes('string') && /^(true|false)$/i.test(value))
    return value.toLowerCase() === 'true';
  if ((typeof value === 'number' || typeof value === 'boolean') && types.includes('string') && !types.includes(typeof value))
    return wantsNumber ? undefined : String(value);
  return undefined;
}
