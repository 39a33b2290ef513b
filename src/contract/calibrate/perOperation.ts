import { differsByOperation } from '../../spec/calibration/wireExtensions';
import { applyOverlay, type OverlayAction } from '../../spec/overlay/applyOverlay';
import { successSchema, type Operation } from '../../spec/operations';
import { listItemsKey } from '../diagnose/unwrapList';
import type { NodeSummary } from '../learn/nodeSummaries';
import type { ContractReport } from '../types';
import { at, jsonPathOf } from './rawLocations';

type Raw = Record<string, unknown>;

/** A list and the operation that answers one of its items by id: `listJobs` and `getJob`, sharing `Job`. */
interface Pair {
  list: string;
  byId: string;
  /** The list's schema and its items' (dereferenced). */
  listSchema: object;
  item: object;
}

/** Which departures a tenant makes in one operation of a pair only, where the other sends the same field as the spec says. */
export interface Split {
  pair: Pair;
  /** Top-level fields of the item the two operations write differently, each learned for its own operation. */
  fields: Set<string>;
}

/**
 * Fields the tenant writes one way in a list and another by id: a learned departure seen in one
 * operation of a pair only, where the agreement check found the same job's field different in the
 * other. Without that contradiction a departure seen in one operation is learned for both (a
 * departure missed by a smaller sample of jobs by id is still the same field).
 */
export function splitsOf(operations: Operation[], report: ContractReport, learned: NodeSummary[]): Split[] {
  const splits: Split[] = [];
  for (const pair of pairsOf(operations)) {
    const disagreeing = new Set(
      report.checks
        .filter((check) => check.operationId === pair.byId)
        .flatMap((check) => check.findings)
        .filter((finding) => finding.rule === 'agreement' && finding.severity === 'failure' && finding.pointer)
        .map((finding) => finding.pointer!.slice(1)),
    );
    const fields = learned
      .filter((summary) => summary.node.owner === pair.item && !summary.node.item && disagreeing.has(summary.node.property))
      .filter((summary) => summary.operations.has(pair.list) !== summary.operations.has(pair.byId))
      .map((summary) => summary.node.property);
    if (fields.length > 0) splits.push({ pair, fields: new Set(fields) });
  }
  return splits;
}

/** What each operation of a split learns: the summaries the other operation alone showed are left out. */
export function learnedFor(learned: NodeSummary[], splits: Split[], side: 'list' | 'byId'): NodeSummary[] {
  return learned.filter((summary) =>
    splits.every(({ pair, fields }) => {
      if (summary.node.owner !== pair.item || !fields.has(summary.node.property)) return true;
      return summary.operations.has(side === 'list' ? pair.list : pair.byId);
    }),
  );
}

/**
 * The actions that give the list its own copy of the item where a split says the two operations
 * differ: `shared` (learned as by id) applies to the spec, `listSide` (learned as in the list) is
 * applied to another copy, and the list's items point at a component of their own holding the
 * list's form of each split field, both marked x-differs-by-operation.
 */
export function perOperationActions(
  raw: Raw,
  shared: OverlayAction[],
  listSide: OverlayAction[],
  splits: Split[],
  homes: WeakMap<object, string[]>,
): OverlayAction[] {
  if (splits.length === 0) return shared;
  const byIdDoc = applied(raw, shared);
  const listDoc = applied(raw, listSide);
  const actions = [...shared];
  for (const { pair, fields } of splits) {
    const itemHome = homes.get(pair.item);
    const listHome = homes.get(pair.listSchema);
    if (!itemHome || !listHome) continue;
    const byIdItem = at(byIdDoc, itemHome) as Raw;
    const listItemsPath = itemsPathOf(byIdDoc, listHome);
    const listItems = listItemsPath && resolve(listDoc, itemsPathOf(listDoc, listHome)!);
    if (!listItemsPath || !listItems) continue;
    const wireNames = (item: Raw) =>
      Object.entries((item.properties ?? {}) as Record<string, Raw>).filter(([name, schema]) =>
        fields.has(String(schema['x-field'] ?? name)),
      );
    const description = `${[...fields].join(', ')}: written one way in ${pair.list} and another in ${pair.byId} (the agreement check saw the same job differ), each learned for its own operation.`;
    const copyName = `${itemHome[itemHome.length - 1]}In${pair.list.charAt(0).toUpperCase()}${pair.list.slice(1)}`;
    const properties = { ...(resolve(byIdDoc, listItemsPath)?.properties as Raw) };
    for (const [name, schema] of wireNames(listItems)) properties[name] = { ...schema, [differsByOperation]: true };
    const marks = Object.fromEntries(wireNames(byIdItem).map(([name]) => [name, { [differsByOperation]: true }]));
    actions.push(
      { target: jsonPathOf(itemHome), update: { properties: marks }, description },
      {
        target: jsonPathOf(itemHome.slice(0, -1)),
        update: { [copyName]: { ...resolve(byIdDoc, listItemsPath), properties } },
        description,
      },
      { target: jsonPathOf(listItemsPath), update: { $ref: `#/${[...itemHome.slice(0, -1), copyName].join('/')}` }, description },
    );
  }
  return actions;
}

function pairsOf(operations: Operation[]): Pair[] {
  return operations.flatMap((list) => {
    const schema = successSchema(list);
    const key = listItemsKey(schema);
    const item = key === undefined ? undefined : ((schema!.properties as Record<string, Raw>)[key]!.items as object | undefined);
    const byId = operations.find((candidate) => candidate.method === 'get' && item !== undefined && successSchema(candidate) === item);
    return byId && item ? [{ list: list.operationId, byId: byId.operationId, listSchema: schema!, item }] : [];
  });
}

/** Where a list schema's items are, whatever envelope calibration gave it: an array's, or its array property's. */
function itemsPathOf(document: Raw, listHome: string[]): string[] | undefined {
  const list = at(document, listHome) as Raw | undefined;
  if (!list) return undefined;
  if (list.type === 'array') return [...listHome, 'items'];
  const key = Object.entries((list.properties ?? {}) as Record<string, Raw>).find(([, p]) => p.type === 'array')?.[0];
  return key === undefined ? undefined : [...listHome, 'properties', key, 'items'];
}

/** The schema at `path`, through a `$ref` to a component. */
function resolve(document: Raw, path: string[]): Raw | undefined {
  const node = at(document, path) as Raw | undefined;
  const ref = node?.$ref;
  return typeof ref === 'string' && ref.startsWith('#/') ? (at(document, ref.slice(2).split('/')) as Raw | undefined) : node;
}

function applied(raw: Raw, actions: OverlayAction[]): Raw {
  // A JSON copy, not structuredClone: under a test runner's realm the copy's objects would not be plain to the JSONPath library.
  const document = JSON.parse(JSON.stringify(raw)) as Raw;
  applyOverlay(document, { overlay: '1.0.0', info: { title: 'calibration', version: '0' }, actions }, 'calibration');
  return document;
}
