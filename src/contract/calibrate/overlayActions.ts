import type { OverlayAction } from '../../spec/overlay/applyOverlay';
import type { Observation } from '../diagnose/observation';
import { jsonPathOf } from './rawLocations';
import { pagingActions } from './pagingActions';
import type { NodeSummary } from '../learn/nodeSummaries';
import { headlineOf, learnedBranch, widen } from '../learn/learnedBranch';

type Raw = Record<string, unknown>;

/** What calibration saw, in the terms the actions need. */
export interface Sample {
  /** The plain spec (not dereferenced), for copying schemas. */
  raw: Raw;
  /** Home of each dereferenced schema object in `raw`. */
  homes: WeakMap<object, string[]>;
  observations: Observation[];
  /** The list's schema in the dereferenced spec. */
  listSchema: object | undefined;
  /** Each operation's error responses as the plain document places them: operationId → status → path. */
  errorHomes: Map<string, Map<number, string[]>>;
  /** The operations, to place what is learned per operation (paging). */
  operations: { operationId: string; method: string; pathTemplate: string }[];
  /** What the learner saw at inferred nodes (see NodeSummaries), one summary per node and departure. */
  learned: NodeSummary[];
}

interface PropertyChange {
  wireName?: string;
  /** How many nulls were seen where the spec wants a value (nullability is never documented). */
  nulls?: number;
  /** A date-time written in another form (epoch milliseconds …). */
  format?: { form: string; example: unknown };
  enum?: { wire: unknown[]; documented: unknown[]; evidence: string };
  type?: { wire: string; documented: string; evidence: string };
  /** Schemas the learner adds beside the spec's, for the property or for its array's items. */
  widen?: Raw[];
  widenItems?: Raw[];
  /** Left out where the spec has it sent: no longer required (only where its presence is inferred). */
  optional?: string;
  /** Every wire name the property was seen under, for a property renamed in one operation and not another. */
  aliases?: string[];
}

/**
 * The Overlay 1.0 actions that adapt the spec to a sample of the tenant: wire names (each renamed
 * property keeps its documented name in `x-field`), the list's envelope, enum spellings, types,
 * summary list items, extra fields as optional properties, and error media types and shapes. Each
 * action's description carries its evidence. Documented facts are never loosened: a documented
 * field keeps its place in `required` under its wire name, whether the tenant sent it or not.
 */
export function overlayActions(sample: Sample): OverlayAction[] {
  const changes = propertyChanges(sample);
  const { extras, seen } = extrasOf(sample.observations);
  const actions: OverlayAction[] = [];
  const owners = new Set<object>([...changes.keys(), ...extras.keys()]);
  const envelope = sample.observations.find((o): o is Extract<Observation, { kind: 'envelope' }> => o.kind === 'envelope');
  const shapeOf = (owner: object) => ownerShape(sample, owner, changes.get(owner) ?? new Map(), extras.get(owner), seen.get(owner) ?? 0);
  for (const owner of owners) {
    if (envelope && owner === sample.listSchema) continue;
    actions.push(...rewriteOwner(sample, owner, shapeOf(owner)));
  }
  if (envelope && sample.listSchema) actions.push(...rewriteEnvelope(sample, envelope));
  actions.push(...summaryItems(sample, shapeOf));
  actions.push(...errorAnswers(sample));
  actions.push(...pagingActions(sample.observations, sample.operations));
  return actions;
}

/** Fields the tenant sends that the spec does not know, per owning schema object, and how many objects of each were seen. */
function extrasOf(observations: Observation[]) {
  const extras = new Map<object, Map<string, unknown[]>>();
  const counts = new Map<object, Map<string, number>>();
  for (const o of observations) {
    if (o.kind === 'extra') {
      const perOwner = extras.get(o.owner) ?? new Map<string, unknown[]>();
      perOwner.set(o.name, [...(perOwner.get(o.name) ?? []), o.value].slice(0, 1000));
      extras.set(o.owner, perOwner);
    }
    if (o.kind === 'name' && o.owner) {
      const perOwner = counts.get(o.owner) ?? new Map<string, number>();
      perOwner.set(o.field, (perOwner.get(o.field) ?? 0) + 1);
      counts.set(o.owner, perOwner);
    }
  }
  // An object is seen once per value of its most frequent field.
  const seen = new Map([...counts].map(([owner, fields]) => [owner, Math.max(...fields.values())]));
  return { extras, seen };
}

function propertyChanges(sample: Sample): Map<object, Map<string, PropertyChange>> {
  const changes = new Map<object, Map<string, PropertyChange>>();
  // A field path (`status`) can name properties of several schemas (a job's, a process version's):
  // each home is its owner schema and property, and an observation goes to the home whose property
  // schema it was read against.
  const homes = new Map<string, { owner: object; property: string }[]>();
  const names = new Map<object, Map<string, Map<string, number>>>();
  for (const o of sample.observations) {
    if (o.kind !== 'name' || !o.owner) continue;
    const known = homes.get(o.field) ?? [];
    if (!known.some((home) => home.owner === o.owner && home.property === o.canonical))
      known.push({ owner: o.owner, property: o.canonical });
    homes.set(o.field, known);
    const perOwner = names.get(o.owner) ?? new Map<string, Map<string, number>>();
    const counts = perOwner.get(o.canonical) ?? new Map<string, number>();
    counts.set(o.found, (counts.get(o.found) ?? 0) + 1);
    perOwner.set(o.canonical, counts);
    names.set(o.owner, perOwner);
  }
  const entryOf = (owner: object, property: string) => {
    const perOwner = changes.get(owner) ?? new Map<string, PropertyChange>();
    changes.set(owner, perOwner);
    const entry = perOwner.get(property) ?? {};
    perOwner.set(property, entry);
    return entry;
  };
  const change = (field: string, node?: object) => {
    const candidates = homes.get(field) ?? [];
    const propertyOf = (home: { owner: object; property: string }) =>
      ((home.owner as Raw).properties as Record<string, unknown> | undefined)?.[home.property];
    const home =
      candidates.find((candidate) => node !== undefined && holds(propertyOf(candidate), node)) ??
      (candidates.length === 1 ? candidates[0] : undefined);
    return home ? entryOf(home.owner, home.property) : undefined;
  };
  for (const [owner, perOwner] of names) {
    for (const [property, counts] of perOwner) {
      const [found] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
      if (found === property) continue;
      const entry = entryOf(owner, property);
      entry.wireName = found;
      // Read under every name it was seen by (the list page's spelling in the list, another by id).
      entry.aliases = [...new Set([property, ...counts.keys()])].filter((name) => name !== found);
    }
  }
  for (const summary of sample.learned) {
    const entry = entryOf(summary.node.owner, summary.node.property);
    if (summary.departure === 'absent') entry.optional = headlineOf(summary);
    else if (summary.node.item) (entry.widenItems ??= []).push(learnedBranch(summary));
    else (entry.widen ??= []).push(learnedBranch(summary));
  }
  const spellings = new Map<string, Map<string, string>>();
  for (const o of sample.observations) {
    if (o.kind === 'enum-spelling') {
      const seen = spellings.get(o.field) ?? new Map<string, string>();
      seen.set(o.canonical, o.found);
      spellings.set(o.field, seen);
      const entry = change(o.field, o.node);
      const values = ((o.node as Raw | undefined)?.enum as unknown[] | undefined) ?? [];
      if (entry)
        entry.enum = { documented: values, wire: values.map((v) => respell(v, seen)), evidence: `seen: ${[...seen.values()].join(', ')}` };
    }
    if (o.kind === 'null') {
      const perOwner = changes.get(o.owner) ?? new Map<string, PropertyChange>();
      changes.set(o.owner, perOwner);
      const entry = perOwner.get(o.property) ?? {};
      entry.nulls = (entry.nulls ?? 0) + 1;
      perOwner.set(o.property, entry);
    }
    if (o.kind === 'format') {
      const entry = change(o.field, o.node);
      if (entry) entry.format = { form: o.found, example: o.example };
    }
    if (o.kind === 'type') {
      const entry = change(o.field, o.node);
      const documented = String(((o.node as Raw | undefined)?.type as string | undefined) ?? o.expected);
      if (entry) entry.type = { wire: o.found, documented, evidence: `sent as ${o.found}, e.g. ${JSON.stringify(o.example)}` };
    }
  }
  return changes;
}

/** An enum value in the spelling the tenant uses: the one seen, or the style of those seen (upper case …). */
function respell(value: unknown, seen: Map<string, string>): unknown {
  if (typeof value !== 'string') return value;
  const found = seen.get(value);
  if (found !== undefined) return found;
  const sample = [...seen.values()][0] ?? value;
  if (sample === sample.toUpperCase()) return value.toUpperCase();
  if (sample === sample.toLowerCase()) return value.toLowerCase();
  return value;
}

interface OwnerShape {
  home: string[];
  raw: Raw;
  properties: Record<string, unknown>;
  required: string[];
  evidence: string[];
  total: number;
  wireName: (name: string) => string;
}

/** An object schema's properties and required fields as the tenant sends them, with the evidence. */
function ownerShape(
  sample: Sample,
  owner: object,
  changes: Map<string, PropertyChange>,
  extras: Map<string, unknown[]> | undefined,
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
    if (change.optional) evidence.push(`${name} ${change.optional}`);
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
  for (const [name, values] of extras ?? []) {
    // Any value, as before calibration: a field the spec does not know was never constrained, so
    // a type learned from the first answers would tighten the spec for the next ones.
    properties[name] = {
      description: `Not documented: sent by the tenant in ${values.length} of ${total} objects seen, e.g. ${JSON.stringify(values[0]).slice(0, 60)}.`,
    };
    evidence.push(`extra field ${name} in ${values.length} of ${total}`);
  }
  const wireName = (name: string) => changes.get(name)?.wireName ?? name;
  const required = ((raw.required as string[] | undefined) ?? []).filter((name) => !changes.get(name)?.optional).map(wireName);
  return { home, raw, properties, required, evidence, total, wireName };
}

function rewriteOwner(sample: Sample, owner: object, shape: OwnerShape | undefined): OverlayAction[] {
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

function rewriteEnvelope(sample: Sample, envelope: Extract<Observation, { kind: 'envelope' }>): OverlayAction[] {
  const home = sample.homes.get(sample.listSchema!)!;
  const raw = at(sample.raw, home) as Raw;
  const rawProperties = raw.properties as Record<string, Raw>;
  const itemsKey = Object.keys(rawProperties).find((key) => rawProperties[key]!.type === 'array')!;
  const countKey =
    ((raw.required as string[] | undefined) ?? []).find((key) => key !== itemsKey && rawProperties[key]?.type === 'integer') ?? 'count';
  const summarised = sample.observations.some((o) => o.kind === 'summary-items');
  const itemRef = (rawProperties[itemsKey]!.items as Raw).$ref as string;
  const items = summarised ? { ...rawProperties[itemsKey]!, items: { $ref: `${itemRef}Summary` } } : rawProperties[itemsKey]!;
  const described = `The tenant's list envelope: ${envelope.wrapper}, seen in every list answer (${envelope.items} items in the first).`;
  const wrapperKey = /the items under '([^']+)'/.exec(envelope.wrapper)?.[1];
  const replacement: Raw =
    wrapperKey === undefined
      ? { type: 'array', description: described, items: items.items, 'x-documented-envelope': { items: itemsKey, count: countKey } }
      : {
          type: 'object',
          description: described,
          required: [wrapperKey],
          properties: { [wrapperKey]: { ...items, 'x-field': itemsKey } },
          'x-documented-envelope': { items: itemsKey, count: countKey },
        };
  const parent = home.slice(0, -1);
  return [
    { target: jsonPathOf(home), remove: true, description: `${home.join('.')}: replaced by the tenant's envelope` },
    { target: jsonPathOf(parent), update: { [home[home.length - 1]!]: replacement }, description: described },
  ];
}

/**
 * List items that lack fields the list page does not document get a summary schema of their own:
 * the item's properties as the tenant names them, required only where the list page documents them.
 */
function summaryItems(sample: Sample, shapeOf: (owner: object) => OwnerShape | undefined): OverlayAction[] {
  const summary = sample.observations.find((o): o is Extract<Observation, { kind: 'summary-items' }> => o.kind === 'summary-items');
  const list = sample.listSchema as { properties?: Record<string, Raw> } | undefined;
  if (!summary || !list?.properties) return [];
  const itemsKey = Object.keys(list.properties).find((key) => list.properties![key]!.type === 'array')!;
  const item = list.properties[itemsKey]!.items as object;
  const shape = shapeOf(item);
  if (!shape) return [];
  const required = shape.required.filter((name) => !summary.missing.map(shape.wireName).includes(name));
  const summaryName = `${shape.home[shape.home.length - 1]}Summary`;
  const description = `List items are summaries: ${summary.missing.join(', ')} missing from every item seen; the list page does not document them. The fields it documents stay required.`;
  const parent = shape.home.slice(0, -1);
  const listItems = sample.observations.some((o) => o.kind === 'envelope')
    ? undefined
    : `${jsonPathOf(sample.homes.get(sample.listSchema!)!)}.properties.${itemsKey}.items`;
  return [
    {
      target: jsonPathOf(parent),
      update: { [summaryName]: { type: 'object', description, required, properties: shape.properties } },
      description,
    },
    ...(listItems ? [{ target: listItems, update: { $ref: `#/${parent.join('/')}/${summaryName}` }, description }] : []),
  ];
}

function errorAnswers(sample: Sample): OverlayAction[] {
  const actions = new Map<string, OverlayAction[]>();
  for (const o of sample.observations) {
    if (o.kind !== 'error-media' && o.kind !== 'error-shape') continue;
    const home = sample.errorHomes.get(o.operationId)?.get(o.status);
    if (!home || actions.has(home.join('/'))) continue;
    const shape = sample.observations.find(
      (s): s is Extract<Observation, { kind: 'error-shape' }> =>
        s.kind === 'error-shape' && s.operationId === o.operationId && s.status === o.status,
    );
    const media = sample.observations.find(
      (m): m is Extract<Observation, { kind: 'error-media' }> =>
        m.kind === 'error-media' && m.operationId === o.operationId && m.status === o.status,
    );
    const raw = at(sample.raw, home) as Raw;
    const mediaType = media?.found ?? Object.keys((raw.content ?? {}) as Raw)[0]!;
    const declared = (raw.content as Record<string, Raw> | undefined)?.[Object.keys((raw.content ?? {}) as Raw)[0]!];
    const schema = shape ? errorSchema(shape.example, o.status) : declared?.schema;
    const description = `Status ${o.status} of ${o.operationId} as the tenant answers it: ${mediaType}${shape ? `, ${JSON.stringify(shape.example).slice(0, 80)}` : ''}.`;
    actions.set(home.join('/'), [
      { target: `${jsonPathOf(home)}.content`, remove: true, description: `${home.join('.')}: replaced by the tenant's error answer` },
      { target: jsonPathOf(home), update: { content: { [mediaType]: { schema } } }, description },
    ]);
  }
  return [...actions.values()].flat();
}

/** The schema of an error body seen, linked to the documented problem fields where the values say which. */
function errorSchema(example: unknown, status: number): Raw {
  if (!example || typeof example !== 'object' || Array.isArray(example)) return schemaOf(example);
  const properties: Record<string, Raw> = {};
  for (const [key, value] of Object.entries(example)) {
    const field = value === status ? 'status' : typeof value === 'string' ? 'detail' : undefined;
    properties[key] = { ...schemaOf(value), ...(field ? { 'x-field': field } : {}) };
  }
  return { type: 'object', required: Object.keys(properties), properties, description: 'The error body the tenant sends (seen).' };
}

function schemaOf(value: unknown): Raw {
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) return { type: 'array' };
  if (Number.isInteger(value)) return { type: 'integer' };
  return { type: typeof value === 'number' ? 'number' : typeof value };
}

function at(document: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Raw | undefined)?.[key], document);
}

/** Whether `node` is the property schema `property`, or one of its branches (a `oneOf` with null). */
function holds(property: unknown, node: object): boolean {
  if (property === node) return true;
  const branches = (property as Raw | undefined)?.oneOf ?? (property as Raw | undefined)?.anyOf ?? (property as Raw | undefined)?.allOf;
  return Array.isArray(branches) && branches.some((branch) => holds(branch, node));
}
