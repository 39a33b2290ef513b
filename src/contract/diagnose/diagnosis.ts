import { namingConventions, toConvention, type NamingConvention } from './namingConvention';
import type { Observation } from './observation';
import { describe, fieldOf, headline } from './describeObservation';
import type { RootCause } from './rootCause';
import { NodeSummaries, type Departure, type NodeSummary } from '../learn/nodeSummaries';
import { exampleOf, headlineOf } from '../learn/learnedBranch';
import type { LocatedNode } from '../learn/locateNode';

/** The root cause of every field left out when it has no value. */
const absentKey = 'learned:absent';

interface Group {
  inferred: boolean;
  /** Example text by instance key, in the order first seen. */
  examples: Map<string, string>;
  first: Observation;
  /** The fields that showed it. */
  fields: Set<string>;
  checks: Set<string>;
}

/**
 * Collects what the answers of a run showed (observations) and names each root cause once:
 * the naming convention over every field seen, the list envelope, value spellings, types, formats,
 * summary list items and error bodies. Bounded: it keeps one entry per field and spelling, not per value.
 */
export class Diagnosis {
  /** Per documented field: the names it was found under, with counts. */
  private readonly names = new Map<string, { canonical: string; found: Map<string, number>; alias: boolean; checks: Set<string> }>();
  private readonly groups = new Map<string, Group>();
  /** What the learner saw at inferred nodes, one summary per node and departure; calibration reads the same. */
  readonly learned = new NodeSummaries();
  private readonly learnedChecks = new Map<string, Set<string>>();

  /** Records a value departing from an inferred node (see learnFromViolations); returns its root cause's key. */
  learn(
    node: LocatedNode,
    departure: Departure,
    value: unknown,
    expected: string,
    operationId: string,
    checkId: string,
  ): string | undefined {
    // A documented field never seen at all is missing, not left out when empty: its existence is documented.
    if (departure === 'absent' && !node.ownerInferred && this.presence(node.field) === 0) return undefined;
    const summaryKey = this.learned.add(node, departure, value, expected, operationId);
    // Fields left out when empty are one habit of the server, named once however many fields show it.
    const key = departure === 'absent' ? absentKey : summaryKey;
    const checks = this.learnedChecks.get(key) ?? new Set<string>();
    checks.add(checkId);
    this.learnedChecks.set(key, checks);
    return key;
  }

  /** Records an observation; returns the root-cause key it belongs to, or undefined when it conforms. */
  observe(observation: Observation, checkId: string): string | undefined {
    if (observation.kind === 'name') return this.observeName(observation, checkId);
    // Fields the spec does not know are warnings of their own (extraFields), not a root cause.
    if (observation.kind === 'extra') return undefined;
    const [key, instance, example] = describe(observation);
    const group = this.groups.get(key) ?? { inferred: true, examples: new Map(), first: observation, fields: new Set(), checks: new Set() };
    const field = fieldOf(observation);
    if (field !== undefined) group.fields.add(field);
    group.inferred &&= observation.inferred;
    if (!group.examples.has(instance)) group.examples.set(instance, example);
    group.checks.add(checkId);
    this.groups.set(key, group);
    return key;
  }

  /** How many objects carried a documented field, under any name. */
  private presence(field: string): number {
    return [...(this.names.get(field)?.found.values() ?? [])].reduce((a, b) => a + b, 0);
  }

  private absentCause(absent: NodeSummary[]): RootCause {
    const counted = absent.map(
      (summary) => `${summary.node.field} in ${summary.count} of ${summary.count + this.presence(summary.node.field)}`,
    );
    return {
      key: absentKey,
      message: `fields without a value are left out, not sent as null: ${absent.length} field${absent.length === 1 ? '' : 's'} (${counted.slice(0, 3).join(', ')}${absent.length > 3 ? ' …' : ''})`,
      severity: 'failure',
      inferred: true,
      examples: counted,
      checks: [...(this.learnedChecks.get(absentKey) ?? [])],
    };
  }

  private observeName(observation: Extract<Observation, { kind: 'name' }>, checkId: string): string | undefined {
    const entry = this.names.get(observation.field) ?? {
      canonical: observation.canonical,
      found: new Map(),
      alias: false,
      checks: new Set(),
    };
    entry.found.set(observation.found, (entry.found.get(observation.found) ?? 0) + 1);
    entry.alias ||= observation.alias;
    this.names.set(observation.field, entry);
    if (observation.found === observation.canonical) return undefined;
    entry.checks.add(checkId);
    return 'naming';
  }

  /** The root causes found so far, naming first; `warnInferred` makes those on inferred parts warnings. */
  rootCauses(warnInferred = false): RootCause[] {
    const causes: RootCause[] = [];
    const naming = this.namingCause();
    if (naming) causes.push(naming);
    for (const [key, group] of this.groups) {
      causes.push({
        key,
        message: headline(
          group.first,
          [...group.fields].filter((field) => field !== fieldOf(group.first)),
        ),
        severity: 'failure',
        inferred: group.inferred,
        examples: [...group.examples.values()],
        checks: [...group.checks],
      });
    }
    const absent = this.learned.all().filter((summary) => summary.departure === 'absent');
    if (absent.length > 0) causes.push(this.absentCause(absent));
    for (const summary of this.learned.all()) {
      if (summary.departure === 'absent') continue;
      const field = `${summary.node.field}${summary.node.item ? '[]' : ''}` || 'each item';
      const present = summary.node.item ? 0 : this.presence(summary.node.field);
      causes.push({
        key: summary.key,
        message: `${field} ${headlineOf(summary)}, in ${summary.count}${present >= summary.count ? ` of ${present}` : ''} values seen${exampleOf(summary)}`,
        severity: 'failure',
        inferred: true,
        // The headline shows one value; the others, in short, for --verbose.
        examples: [...summary.values].slice(1).map((value) => (value.length > 40 ? `${value.slice(0, 37)}...` : value)),
        checks: [...(this.learnedChecks.get(summary.key) ?? [])],
      });
    }
    return causes.map((cause) => ({ ...cause, severity: warnInferred && cause.inferred ? 'warning' : 'failure' }));
  }

  private namingCause(): RootCause | undefined {
    const fields = [...this.names.entries()].map(([field, entry]) => ({ field, ...entry, found: dominant(entry.found) }));
    const departures = fields.filter((f) => f.found !== f.canonical);
    if (departures.length === 0) return undefined;
    const fits = (convention: NamingConvention) => fields.filter((f) => toConvention(f.canonical, convention) === f.found).length;
    const best = [...namingConventions].sort((a, b) => fits(b) - fits(a))[0]!;
    const fitting = fits(best);
    const message =
      best === 'snake_case'
        ? `wire names differ from the spec's for ${departures.length} of ${fields.length} documented fields (the others are snake_case)`
        : `wire names are ${best}: ${fitting} of ${fields.length} documented fields found under ${best} names`;
    const odd = departures.filter((f) => toConvention(f.canonical, best) !== f.found);
    const examples = [...odd, ...departures.filter((f) => !odd.includes(f))].map(
      (f) =>
        `${f.found} for ${f.field}${f.alias ? ' (a spelling the documentation uses)' : odd.includes(f) && best !== 'snake_case' ? ` (not ${best})` : ''}`,
    );
    return {
      key: 'naming',
      message,
      severity: 'failure',
      // The wire names are x-inferred as a whole: the vendor's tables capitalise names for presentation.
      inferred: true,
      examples,
      checks: [...new Set(departures.flatMap((f) => [...f.checks]))],
    };
  }
}

function dominant(found: Map<string, number>): string {
  return [...found.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}
