import type { OverlayAction } from '../../spec/overlay/applyOverlay';
import { widen } from '../learn/learnedBranch';
import type { Sample } from './calibrationSample';
import type { PropertyChange } from './propertyChanges';
import { at, jsonPathOf } from './rawLocations';

type Raw = Record<string, unknown>;

export interface OwnerShape {
  home: string[];
  raw: Raw;
  properties: Record<string, unknown>;
  required: string[];
  evidence: string[];
  total: number;
  wireName: (name: string) => string;
}

/** An object schema's properties and required fields as the tenant sends them, with the evidence. */
export function ownerShape(
  sample: Sample,
  owner: object,
  changes: Map<string, PropertyChange>,
  extras: Map<string, { count: number; example: unknown }> | undefined,
  total: number,
): OwnerShape | undefined {
  const home = sample.homes.get(owner);
  if (!home) return undefined;
  const raw = at(sample.raw, home) as Raw;
  const rawProperties = (raw.properties ?? {}) as Record<string, Raw>;
  const properties: Record<string, unknown> = {};
  const evidence: string[] = [];
  for (const [name, rawChild] of Object.entries(rawProperties)) {
    const change = changes.get(name) ?? {};
    let child: Raw = structuredClone(rawChild);
    if (change.enum || change.type) child = inline(sample.raw, child);
    if (change.enum) {
      child.enum = change.enum.wire;
      child['x-documented-values'] = change.enum.documented;
      evidence.push(`${name} values ${change.enum.evidence}`);
    }
    if (change.type) {
      // Never tightened: a type that admitted null still does.
      const nullable = [child.type].flat().includes('null');
      child = { ...child, type: nullable ? [change.type.wire, 'null'] : change.type.wire, 'x-documented-type': change.type.documented };
      for (const key of ['minimum', 'maximum', 'minLength', 'maxLength', 'format', 'allOf']) delete child[key];
      evidence.push(`${name} ${change.type.evidence}`);
    }
    if (change.format) {
      // The wire's type, with the documented format and the form kept for reading and writing it.
      const wire = {
        type: typeof change.format.example === 'number' ? 'integer' : 'string',
        'x-documented-format': { format: 'date-time', wire: change.format.form },
      };
      const branches = child.oneOf as Raw[] | undefined;
      child = branches
        ? { ...child, oneOf: [wire, ...branches.filter((b) => b.type === 'null')] }
        : { description: child.description, ...wire };
      evidence.push(`${name} as ${change.format.form}, e.g. ${JSON.stringify(change.format.example)}`);
    }
    if (change.nulls) {
      const description = child.description;
      delete child.description;
      child = { description, oneOf: [child, { type: 'null' }] };
      evidence.push(`${name} null in ${change.nulls} of ${total}`);
    }
    if (change.widenItems) {
      child = { ...child, items: widen(child.items as Raw, change.widenItems) };
      evidence.push(`${name}[] ${change.widenItems.map((branch) => branch.description).join(' ')}`);
    }
    if (change.widen) {
      child = widen(child, change.widen);
      evidence.push(`${name} ${change.widen.map((branch) => branch.description).join(' ')}`);
    }
    if (change.optional) {
      // Left out where it has no value: the calibrated mock leaves it out too.
      child = { ...child, 'x-omitted-when-null': true };
      evidence.push(`${name} ${change.optional}`);
    }
    const wireName = change.wireName ?? name;
    if (wireName !== name) {
      child['x-field'] = name;
      child['x-aliases'] = [...new Set([...((child['x-aliases'] as string[] | undefined) ?? []), ...(change.aliases ?? [])])].filter(
        (alias) => alias !== wireName,
      );
      evidence.push(`${wireName} for ${name}`);
    }
    properties[wireName] = child;
  }
  for (const [name, { count, example }] of extras ?? []) {
    // Any value, as before calibration: a field the spec does not know was never constrained, so
    // a type learned from the first answers would tighten the spec for the next ones.
    properties[name] = {
      description: `Not documented: sent by the tenant in ${count} of ${total} objects seen, e.g. ${JSON.stringify(example).slice(0, 60)}.`,
    };
    evidence.push(`extra field ${name} in ${count} of ${total}`);
  }
  const wireName = (name: string) => changes.get(name)?.wireName ?? name;
  const required = ((raw.required as string[] | undefined) ?? []).filter((name) => !changes.get(name)?.optional).map(wireName);
  return { home, raw, properties, required, evidence, total, wireName };
}

/** The actions that replace an object schema's properties and required fields with the tenant's. */
export function rewriteOwner(sample: Sample, owner: object, shape: OwnerShape | undefined): OverlayAction[] {
  if (!shape) return [];
  const { home, raw, properties, required, evidence, total } = shape;
  const target = jsonPathOf(home);
  const why = `Calibrated from ${total} objects seen: ${evidence.join('; ')}`;
  return [
    { target: `${target}.properties`, remove: true, description: `${home.join('.')}: replaced by the tenant's properties below` },
    ...(raw.required
      ? [{ target: `${target}.required`, remove: true, description: `${home.join('.')}: required, under wire names below` }]
      : []),
    ...(raw.examples
      ? [{ target: `${target}.examples`, remove: true, description: `${home.join('.')}: the examples show the documented shape` }]
      : []),
    { target, update: { properties, ...(required.length > 0 ? { required } : {}) }, description: `${home.join('.')}: ${why}` },
  ];
}

/** A `$ref` property as an inline copy of what it points at, so that changing it changes no other user of the component. */
function inline(raw: Raw, child: Raw): Raw {
  const ref = child.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return child;
  const target = structuredClone(at(raw, ref.slice(2).split('/')) as Raw);
  const rest = { ...child };
  delete rest.$ref;
  delete target.examples;
  return { ...target, ...rest };
}
