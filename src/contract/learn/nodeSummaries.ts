import type { LocatedNode } from './locateNode';

/** How a value departs from an inferred node, in the learner's terms. */
export type Departure = 'type' | 'format' | 'values' | 'bounds' | 'absent';

/** What the run saw of one departure at one schema node, across every sample of every operation. */
export interface NodeSummary {
  key: string;
  departure: Departure;
  node: LocatedNode;
  /** How many values (or, for `absent`, objects) departed. */
  count: number;
  /** The JSON types of the departing values, with counts. */
  types: Map<string, number>;
  /** Distinct departing values, as JSON, up to `distinctValues`; `overflow` once there were more (or one too long to keep). */
  values: Set<string>;
  overflow: boolean;
  /** The first departing value, as JSON cut to be shown in a line. */
  example?: string;
  /** The rule broken, as the validator words it: `a uuid`, `string or null`, `present`. */
  expected: string;
  operations: Set<string>;
}

/** Distinct values kept per node: enough to learn an enum, bounded whatever the tenant sends. */
const distinctValues = 16;

/**
 * The learner's memory: one summary per departure and schema node, whatever the number of
 * samples (a 5,000-job list adds counts, not entries). The verdict names each summary once as a
 * root cause and calibration generalises each into a schema that accepts every value seen.
 */
export class NodeSummaries {
  private readonly summaries = new Map<string, NodeSummary>();

  /** Records one departing value; returns the key of its summary, the root cause it stands for. */
  add(node: LocatedNode, departure: Departure, value: unknown, expected: string, operationId: string): string {
    const key = `learned:${departure}:${node.field}${node.item ? '[]' : ''}`;
    const summary = this.summaries.get(key) ?? {
      key,
      departure,
      node,
      count: 0,
      types: new Map<string, number>(),
      values: new Set<string>(),
      overflow: false,
      expected,
      operations: new Set<string>(),
    };
    summary.count += 1;
    summary.operations.add(operationId);
    if (departure !== 'absent') {
      const type = jsonTypeOf(value);
      summary.types.set(type, (summary.types.get(type) ?? 0) + 1);
      // A value too long to show is not kept: learned as its type, like values too many to list.
      const text = JSON.stringify(value) ?? 'null';
      summary.example ??= text.length > 60 ? `${text.slice(0, 57)}...` : text;
      if (text.length <= 200 && (summary.values.size < distinctValues || summary.values.has(text))) summary.values.add(text);
      else summary.overflow = true;
    }
    this.summaries.set(key, summary);
    return key;
  }

  get(key: string): NodeSummary | undefined {
    return this.summaries.get(key);
  }

  all(): NodeSummary[] {
    return [...this.summaries.values()];
  }
}

/** A value's JSON Schema type: `integer` for a whole number. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
