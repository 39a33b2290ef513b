import type { Observation } from '../diagnose/observation';

/**
 * Distinct observations kept, whatever the tenant sends: far more than the spec's fields times the
 * spellings a tenant uses, so a real tenant never reaches it; a hostile one is cut off here.
 */
const maxEntries = 50_000;

/**
 * What calibration keeps of a run's observations: one entry per distinct observation (a field under
 * one name in one schema, an extra field of one object schema, a null at one property …) with how
 * many times it was made, so a 5,000-job list adds counts, not entries. The first observation of
 * each entry stands for all (an extra field's first value, an error's first body).
 */
export class ObservationLog {
  private readonly entries = new Map<string, { observation: Observation; count: number }>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  /** Whether distinct observations were dropped at the bound. */
  overflow = false;

  add(observation: Observation): void {
    const key = this.keyOf(observation);
    const entry = this.entries.get(key);
    if (entry) entry.count += 1;
    else if (this.entries.size < maxEntries) this.entries.set(key, { observation, count: 1 });
    else this.overflow = true;
  }

  /** The first observation of each entry, in the order first made. */
  get observations(): Observation[] {
    return [...this.entries.values()].map((entry) => entry.observation);
  }

  /** How many times an observation the log returned was made. */
  count(observation: Observation): number {
    return this.entries.get(this.keyOf(observation))?.count ?? 0;
  }

  /** What makes two observations the same, per kind: the schema objects by identity, the values that matter. */
  private keyOf(o: Observation): string {
    const id = (node: object | undefined) => {
      if (!node) return '-';
      let known = this.ids.get(node);
      if (known === undefined) this.ids.set(node, (known = this.nextId++));
      return String(known);
    };
    switch (o.kind) {
      case 'name':
        return JSON.stringify([o.kind, id(o.owner), o.field, o.canonical, o.found, o.alias]);
      case 'extra':
        return JSON.stringify([o.kind, id(o.owner), o.name]);
      case 'null':
        return JSON.stringify([o.kind, id(o.owner), o.property]);
      case 'envelope':
        return JSON.stringify([o.kind, id(o.list), o.key ?? null]);
      case 'enum-spelling':
        return JSON.stringify([o.kind, id(o.node), o.field, o.canonical, o.found]);
      case 'type':
      case 'format':
        return JSON.stringify([o.kind, id(o.node), o.field, o.found]);
      case 'summary-items':
        return JSON.stringify([o.kind, id(o.list), o.missing]);
      case 'media':
        return JSON.stringify([o.kind, o.operationId, o.status, o.found]);
      case 'success-status':
        return JSON.stringify([o.kind, o.operationId, o.found]);
      case 'error-shape':
        return JSON.stringify([o.kind, o.operationId, o.status]);
      case 'paging':
      case 'not-the-api':
        return JSON.stringify([o.kind, o.operationId]);
    }
  }
}
