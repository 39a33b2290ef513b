import type { RouteMatch } from '../spec/matchOperation';
import type { Operation } from '../spec/operations';
import { escapeToken } from '../text/jsonPointer';
import { isJsonMediaType } from '../text/mediaType';
import type { Exchange, Send } from './httpClient';

/** How a documented field of a successful answer showed in a run. */
export type FieldSeen = 'value' | 'null' | 'never';

/** What a run exercised of the contract: statuses seen, and documented fields seen with a value. */
export interface Coverage {
  /** Each operation × documented status, and whether an answer of the run had it. */
  statuses: { operationId: string; status: string; seen: boolean }[];
  /**
   * Each documented field of each operation's successful answer (`/jobs/*\/job_name`, `*` an item
   * of a list or a key of a map): seen with a value, only as `null`, or never. A field never seen
   * with a value is one the run did not really check.
   */
  fields: { operationId: string; pointer: string; seen: FieldSeen }[];
  /** Statuses seen and fields seen with a value, of all there are, in percent (one decimal). */
  percent: number;
  /** How long each operation's answers took, in ms: the median, the 95th percentile and the slowest. */
  latency: { operationId: string; count: number; p50: number; p95: number; max: number }[];
}

type Schema = Record<string, unknown>;

/** Fields below this depth are not listed: the contract's deepest is six levels down. */
const maxDepth = 12;

/**
 * Records what the answers of a run exercised, request by request, whatever check sent them:
 * `send = recorder.wrap(send)`, then `recorder.result()`.
 */
export class CoverageRecorder {
  private readonly statuses = new Map<string, Set<string>>();
  private readonly fields = new Map<string, Map<string, FieldSeen>>();
  private readonly durations = new Map<string, number[]>();

  constructor(
    private readonly operations: readonly Operation[],
    private readonly match: (method: string, path: string) => RouteMatch,
  ) {
    for (const operation of operations) {
      this.statuses.set(operation.operationId, new Set());
      const fields = new Map<string, FieldSeen>();
      const schema = successSchemaOf(operation);
      if (schema) for (const pointer of fieldsOf(schema, '', 0)) fields.set(pointer, 'never');
      this.fields.set(operation.operationId, fields);
    }
  }

  /** A send that records each exchange on its way back. */
  wrap(send: Send): Send {
    return async (method, pathAndQuery, options) => {
      const exchange = await send(method, pathAndQuery, options);
      this.record(method, pathAndQuery, exchange);
      return exchange;
    };
  }

  record(method: string, pathAndQuery: string, exchange: Exchange): void {
    const found = this.match(method, pathAndQuery.split('?')[0]!);
    if (found.kind !== 'matched') return;
    const { operation } = found;
    const statuses = this.statuses.get(operation.operationId)!;
    const durations = this.durations.get(operation.operationId) ?? [];
    // A bounded sample: a run of thousands of pages keeps the first few thousand times.
    if (durations.length < 5_000) durations.push(exchange.durationMs);
    this.durations.set(operation.operationId, durations);
    const declared = Object.keys(operation.responses).find((status) => statusCovers(status, exchange.status));
    if (declared) statuses.add(declared);
    if (exchange.status !== operation.successStatus || !exchange.contentType || !isJsonMediaType(exchange.contentType)) return;
    const schema = successSchemaOf(operation);
    if (!schema) return;
    let body: unknown;
    try {
      body = JSON.parse(exchange.text);
    } catch {
      return;
    }
    const fields = this.fields.get(operation.operationId)!;
    observe(schema, body, '', fields, 0);
  }

  result(): Coverage {
    const statuses = this.operations.flatMap((operation) =>
      Object.keys(operation.responses).map((status) => ({
        operationId: operation.operationId,
        status,
        seen: this.statuses.get(operation.operationId)!.has(status),
      })),
    );
    const fields = this.operations.flatMap((operation) =>
      [...this.fields.get(operation.operationId)!].map(([pointer, seen]) => ({ operationId: operation.operationId, pointer, seen })),
    );
    const covered = statuses.filter((s) => s.seen).length + fields.filter((f) => f.seen === 'value').length;
    const total = statuses.length + fields.length;
    const latency = this.operations.flatMap((operation) => {
      const sorted = [...(this.durations.get(operation.operationId) ?? [])].sort((a, b) => a - b);
      if (sorted.length === 0) return [];
      const at = (share: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]! * 10) / 10;
      return [{ operationId: operation.operationId, count: sorted.length, p50: at(0.5), p95: at(0.95), max: at(1) }];
    });
    return { statuses, fields, percent: total === 0 ? 100 : Math.round((covered / total) * 1000) / 10, latency };
  }
}

/** `2XX` covers 201, `default` every status. */
function statusCovers(declared: string, status: number): boolean {
  if (declared === String(status)) return true;
  if (/^[1-5]XX$/i.test(declared)) return declared[0] === String(status)[0];
  return false;
}

function successSchemaOf(operation: Operation): Schema | undefined {
  const content = operation.responses[String(operation.successStatus)]?.content ?? {};
  const type = Object.keys(content).find(isJsonMediaType);
  return type ? (content[type]!.schema as Schema | undefined) : undefined;
}

/** The schema a value is read by: a nullable one's non-null alternative, a calibrated one's documented part. */
function readAs(schema: Schema): Schema {
  const alternatives = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (!alternatives) return schema;
  const structured = alternatives.find((alternative) => alternative.properties || alternative.items || alternative.additionalProperties);
  return structured ? readAs(structured) : schema;
}

/** The pointers of every documented field under a schema. */
function fieldsOf(schema: Schema, at: string, depth: number): string[] {
  if (depth > maxDepth) return [];
  const read = readAs(schema);
  const own = Object.entries((read.properties ?? {}) as Record<string, Schema>).flatMap(([name, child]) => {
    const pointer = `${at}/${escapeToken(name)}`;
    return [pointer, ...fieldsOf(child, pointer, depth + 1)];
  });
  const items = read.items as Schema | undefined;
  const map = typeof read.additionalProperties === 'object' ? (read.additionalProperties as Schema) : undefined;
  return [...own, ...(items ? fieldsOf(items, `${at}/*`, depth + 1) : []), ...(map ? fieldsOf(map, `${at}/*`, depth + 1) : [])];
}

/** Marks what a value shows of the fields under its schema. */
function observe(schema: Schema, value: unknown, at: string, fields: Map<string, FieldSeen>, depth: number): void {
  if (depth > maxDepth || value === null || typeof value !== 'object') return;
  const read = readAs(schema);
  if (Array.isArray(value)) {
    const items = read.items as Schema | undefined;
    if (items) for (const item of value) observe(items, item, `${at}/*`, fields, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const [name, child] of Object.entries((read.properties ?? {}) as Record<string, Schema>)) {
    if (!(name in record)) continue;
    const pointer = `${at}/${escapeToken(name)}`;
    const current = fields.get(pointer);
    if (record[name] !== null && current !== undefined) fields.set(pointer, 'value');
    else if (current === 'never') fields.set(pointer, 'null');
    observe(child, record[name], pointer, fields, depth + 1);
  }
  const map = typeof read.additionalProperties === 'object' ? (read.additionalProperties as Schema) : undefined;
  if (map)
    for (const [key, child] of Object.entries(record))
      if (!(key in ((read.properties ?? {}) as object))) observe(map, child, `${at}/*`, fields, depth + 1);
}

/** The one line a report gives coverage: `coverage 71.4 %: 18 of 38 statuses seen, 163 of 181 fields seen with a value (9 only null, 9 never)`. */
export function coverageLine(coverage: Coverage): string {
  const statuses = coverage.statuses.filter((s) => s.seen).length;
  const valued = coverage.fields.filter((f) => f.seen === 'value').length;
  const onlyNull = coverage.fields.filter((f) => f.seen === 'null').length;
  const never = coverage.fields.filter((f) => f.seen === 'never').length;
  return `coverage ${coverage.percent} %: ${statuses} of ${coverage.statuses.length} statuses seen, ${valued} of ${coverage.fields.length} fields seen with a value (${onlyNull} only null, ${never} never)`;
}
