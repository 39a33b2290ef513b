import { headlineOf, learnedBranch } from '../learn/learnedBranch';
import type { Sample } from './calibrationSample';

type Raw = Record<string, unknown>;

/** How the tenant departs from one property of an object schema, gathered from every sample. */
export interface PropertyChange {
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

/** What changes in each property of each object schema the sample departs from: owner → property → change. */
export function propertyChanges(sample: Sample): Map<object, Map<string, PropertyChange>> {
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
    counts.set(o.found, (counts.get(o.found) ?? 0) + sample.count(o));
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
      entry.nulls = (entry.nulls ?? 0) + sample.count(o);
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

/** Whether `node` is the property schema `property`, or one of its branches (a `oneOf` with null). */
function holds(property: unknown, node: object): boolean {
  if (property === node) return true;
  const branches = (property as Raw | undefined)?.oneOf ?? (property as Raw | undefined)?.anyOf ?? (property as Raw | undefined)?.allOf;
  return Array.isArray(branches) && branches.some((branch) => holds(branch, node));
}
