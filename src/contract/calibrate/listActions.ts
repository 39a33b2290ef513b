import type { OverlayAction } from '../../spec/overlay/applyOverlay';
import type { Observation } from '../diagnose/observation';
import type { Sample } from './calibrationSample';
import type { OwnerShape } from './ownerShape';
import { at, jsonPathOf } from './rawLocations';

type Raw = Record<string, unknown>;

/** The list's schema replaced by the tenant's envelope: a bare array, or the items under another key. */
export function rewriteEnvelope(sample: Sample, envelope: Extract<Observation, { kind: 'envelope' }>): OverlayAction[] {
  const home = sample.homes.get(envelope.list);
  if (!home) return [];
  const raw = at(sample.raw, home) as Raw;
  const rawProperties = raw.properties as Record<string, Raw>;
  const itemsKey = Object.keys(rawProperties).find((key) => rawProperties[key]!.type === 'array')!;
  const countKey =
    ((raw.required as string[] | undefined) ?? []).find((key) => key !== itemsKey && rawProperties[key]?.type === 'integer') ?? 'count';
  const summarised = sample.observations.some((o) => o.kind === 'summary-items' && o.list === envelope.list);
  const itemRef = (rawProperties[itemsKey]!.items as Raw).$ref as string;
  const items = summarised ? { ...rawProperties[itemsKey]!, items: { $ref: `${itemRef}Summary` } } : rawProperties[itemsKey]!;
  const described = `The tenant's list envelope: ${envelope.wrapper}, seen in every list answer (${envelope.items} items in the first).`;
  const wrapperKey = envelope.key;
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
export function summaryItems(sample: Sample, shapeOf: (owner: object) => OwnerShape | undefined): OverlayAction[] {
  // Per list schema, every field missing from every item of some answer: the summary must accept each answer.
  const missingOf = new Map<object, Set<string>>();
  for (const o of sample.observations)
    if (o.kind === 'summary-items') missingOf.set(o.list, new Set([...(missingOf.get(o.list) ?? []), ...o.missing]));
  return [...missingOf].flatMap(([listSchema, missingSet]) => {
    const list = listSchema as { properties?: Record<string, Raw> };
    const listHome = sample.homes.get(listSchema);
    if (!list.properties || !listHome) return [];
    const missing = [...missingSet];
    const itemsKey = Object.keys(list.properties).find((key) => list.properties![key]!.type === 'array')!;
    const shape = shapeOf(list.properties[itemsKey]!.items as object);
    if (!shape) return [];
    const required = shape.required.filter((name) => !missing.map(shape.wireName).includes(name));
    const summaryName = `${shape.home[shape.home.length - 1]}Summary`;
    const description = `List items are summaries: ${missing.join(', ')} missing from every item seen; the list page does not document them. The fields it documents stay required.`;
    const parent = shape.home.slice(0, -1);
    // Under a tenant's envelope, the envelope's rewrite points at the summary itself.
    const enveloped = sample.observations.some((o) => o.kind === 'envelope' && o.inferred && o.list === listSchema);
    const listItems = enveloped ? undefined : `${jsonPathOf(listHome)}.properties.${itemsKey}.items`;
    return [
      {
        target: jsonPathOf(parent),
        update: { [summaryName]: { type: 'object', description, required, properties: shape.properties } },
        description,
      },
      ...(listItems ? [{ target: listItems, update: { $ref: `#/${parent.join('/')}/${summaryName}` }, description }] : []),
    ];
  });
}
