import type { OverlayAction } from '../../spec/overlay/applyOverlay';
import type { Observation } from '../diagnose/observation';
import type { Sample } from './calibrationSample';
import { errorAnswers } from './errorActions';
import { rewriteEnvelope, summaryItems } from './listActions';
import { ownerShape, rewriteOwner } from './ownerShape';
import { pagingActions } from './pagingActions';
import { propertyChanges } from './propertyChanges';
import { successActions } from './successActions';

export type { Sample } from './calibrationSample';

/**
 * The Overlay 1.0 actions that adapt the spec to a sample of the tenant: wire names (each renamed
 * property keeps its documented name in `x-field`), the list's envelope, enum spellings, types,
 * summary list items, extra fields as optional properties, and error media types and shapes. Each
 * action's description carries its evidence. Documented facts are never loosened: a documented
 * field keeps its place in `required` under its wire name, whether the tenant sent it or not.
 */
export function overlayActions(sample: Sample): OverlayAction[] {
  const changes = propertyChanges(sample);
  const { extras, seen } = extrasOf(sample);
  const actions: OverlayAction[] = [];
  const owners = new Set<object>([...changes.keys(), ...extras.keys()]);
  // Each list schema gets the envelope its own answers showed; a documented envelope is never rewritten.
  const envelopes = new Map<object, Extract<Observation, { kind: 'envelope' }>>();
  for (const o of sample.observations) if (o.kind === 'envelope' && o.inferred && !envelopes.has(o.list)) envelopes.set(o.list, o);
  const shapeOf = (owner: object) => ownerShape(sample, owner, changes.get(owner) ?? new Map(), extras.get(owner), seen.get(owner) ?? 0);
  for (const owner of owners) {
    if (envelopes.has(owner)) continue;
    actions.push(...rewriteOwner(sample, owner, shapeOf(owner)));
  }
  for (const envelope of envelopes.values()) actions.push(...rewriteEnvelope(sample, envelope));
  actions.push(...summaryItems(sample, shapeOf));
  actions.push(...successActions(sample));
  actions.push(...errorAnswers(sample));
  actions.push(...pagingActions(sample.observations, sample.operations));
  return actions;
}

/** Fields the tenant sends that the spec does not know, per owning schema object, and how many objects of each were seen. */
function extrasOf(sample: Sample) {
  const extras = new Map<object, Map<string, { count: number; example: unknown }>>();
  const counts = new Map<object, Map<string, number>>();
  for (const o of sample.observations) {
    if (o.kind === 'extra') {
      const perOwner = extras.get(o.owner) ?? new Map<string, { count: number; example: unknown }>();
      perOwner.set(o.name, { count: sample.count(o), example: o.value });
      extras.set(o.owner, perOwner);
    }
    if (o.kind === 'name' && o.owner) {
      const perOwner = counts.get(o.owner) ?? new Map<string, number>();
      perOwner.set(o.field, (perOwner.get(o.field) ?? 0) + sample.count(o));
      counts.set(o.owner, perOwner);
    }
  }
  // An object is seen once per value of its most frequent field.
  const seen = new Map([...counts].map(([owner, fields]) => [owner, Math.max(...fields.values())]));
  return { extras, seen };
}
