import type { OpenAPIV3_1 } from 'openapi-types';
import type { OpenApiDocument } from '../../spec/loadSpec';
import { indexOperations, type Operation } from '../../spec/operations';
import { escapeToken } from '../../text/jsonPointer';

/** One difference between two contracts, as a client of the API meets it. */
export interface ContractChange {
  /** The rule, named as oasdiff names it where one fits: `response-property-removed`. */
  id: string;
  /** Whether a client written against the old contract can break against the new one. */
  breaking: boolean;
  /** Whether the new contract accepts answers the old one refused (calibrate --check: the tenant moved). */
  widens: boolean;
  /** The operation, by its id: `listJobs`. */
  operation: string;
  /** Where in it: `GET /api/v1/rpa/jobs 200 application/json /jobs/items/priority`. */
  where: string;
  message: string;
}

type Schema = Record<string, unknown>;

/**
 * The changes from one contract to another (each a dereferenced OpenAPI 3.1 document, overlays
 * applied), each breaking or not for a client of the API: operations and success statuses,
 * parameters, request bodies, and response schemas property by property (removed, renamed,
 * retyped, nullable, optional, enum values, formats). Descriptions and examples are not compared.
 * `diffContracts(old, new)` lists the changes in the order of the old spec's operations.
 */
export function diffContracts(before: OpenApiDocument, after: OpenApiDocument): ContractChange[] {
  const changes: ContractChange[] = [];
  const keyOf = (operation: Operation) => `${operation.method.toUpperCase()} ${operation.pathTemplate}`;
  const old = new Map(indexOperations(before).map((operation) => [keyOf(operation), operation]));
  const now = new Map(indexOperations(after).map((operation) => [keyOf(operation), operation]));
  for (const [key, operation] of old) {
    const next = now.get(key);
    const add = changeAdder(changes, operation.operationId, key);
    if (!next) add('api-removed', true, false, '', `${key} (${operation.operationId}) was removed`);
    else diffOperation(operation, next, add);
  }
  for (const [key, operation] of now)
    if (!old.has(key))
      changeAdder(changes, operation.operationId, key)('endpoint-added', false, true, '', `${key} (${operation.operationId}) was added`);
  return changes;
}

type Add = (id: string, breaking: boolean, widens: boolean, where: string, message: string) => void;

function changeAdder(changes: ContractChange[], operation: string, key: string): Add {
  return (id, breaking, widens, where, message) =>
    changes.push({ id, breaking, widens, operation, where: where ? `${key} ${where}` : key, message });
}

function diffOperation(before: Operation, after: Operation, add: Add): void {
  diffParameters(before.parameters, after.parameters, add);
  diffRequestBody(before.requestBody, after.requestBody, add);
  const statuses = new Set([...Object.keys(before.responses), ...Object.keys(after.responses)]);
  for (const status of statuses) {
    const old = before.responses[status];
    const next = after.responses[status];
    const success = /^2/.test(status);
    if (old && !next)
      add(
        success ? 'response-success-status-removed' : 'response-non-success-status-removed',
        success,
        false,
        status,
        `status ${status} is no longer answered`,
      );
    else if (!old && next)
      add(
        success ? 'response-success-status-added' : 'response-non-success-status-added',
        false,
        true,
        status,
        `status ${status} may now be answered`,
      );
    else if (old && next) diffContent(old.content, next.content, status, add);
  }
}

function diffParameters(before: OpenAPIV3_1.ParameterObject[], after: OpenAPIV3_1.ParameterObject[], add: Add): void {
  const key = (p: OpenAPIV3_1.ParameterObject) => `${p.in} ${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
  const old = new Map(before.map((p) => [key(p), p]));
  const now = new Map(after.map((p) => [key(p), p]));
  for (const [name, parameter] of now) {
    const was = old.get(name);
    const where = `${parameter.in} parameter '${parameter.name}'`;
    if (!was) {
      if (parameter.required) add('new-required-request-parameter', true, false, where, `the ${where} was added, required`);
      else add('new-optional-request-parameter', false, false, where, `the ${where} was added, optional`);
      continue;
    }
    if (parameter.required && !was.required) add('request-parameter-became-required', true, false, where, `the ${where} became required`);
    if (!parameter.required && was.required) add('request-parameter-became-optional', false, false, where, `the ${where} became optional`);
    diffSchema(was.schema as Schema | undefined, parameter.schema as Schema | undefined, where, 'request', add);
  }
  for (const [name, parameter] of old)
    if (!now.has(name))
      add(
        'request-parameter-removed',
        false,
        false,
        `${parameter.in} parameter '${parameter.name}'`,
        `the ${parameter.in} parameter '${parameter.name}' was removed: the server ignores or refuses it now`,
      );
}

function diffRequestBody(
  before: OpenAPIV3_1.RequestBodyObject | undefined,
  after: OpenAPIV3_1.RequestBodyObject | undefined,
  add: Add,
): void {
  if (after?.required && !before?.required)
    add('request-body-became-required', true, false, 'request body', 'the request body became required');
  if (before?.required && after && !after.required)
    add('request-body-became-optional', false, false, 'request body', 'the request body became optional');
  const old = before?.content ?? {};
  const now = after?.content ?? {};
  for (const type of Object.keys(old))
    if (!(type in now))
      add('request-body-media-type-removed', true, false, `request body ${type}`, `the request body is no longer taken as ${type}`);
  for (const type of Object.keys(now)) {
    if (!(type in old))
      add('request-body-media-type-added', false, false, `request body ${type}`, `the request body is also taken as ${type}`);
    else
      diffSchema(
        old[type]!.schema as Schema | undefined,
        now[type]!.schema as Schema | undefined,
        `request body ${type} #`,
        'request',
        add,
      );
  }
}

function diffContent(
  before: Record<string, OpenAPIV3_1.MediaTypeObject> | undefined,
  after: Record<string, OpenAPIV3_1.MediaTypeObject> | undefined,
  status: string,
  add: Add,
): void {
  const old = before ?? {};
  const now = after ?? {};
  const success = /^2/.test(status);
  for (const type of Object.keys(old))
    if (!(type in now))
      add('response-media-type-removed', success, false, `${status} ${type}`, `status ${status} is no longer answered as ${type}`);
  for (const type of Object.keys(now)) {
    // A client that asks for the old type still gets it.
    if (!(type in old))
      add('response-media-type-added', false, true, `${status} ${type}`, `status ${status} may now be answered as ${type}`);
    else
      diffSchema(old[type]!.schema as Schema | undefined, now[type]!.schema as Schema | undefined, `${status} ${type} #`, 'response', add);
  }
}

/** A schema as the diff reads it: its types (null included), its own schema without the null alternative. */
interface Shape {
  types: Set<string> | undefined;
  schema: Schema;
}

/** `oneOf: [X, {type: 'null'}]` and `type: [string, 'null']` alike: X's shape, with `null` among its types. */
function shapeOf(schema: Schema): Shape {
  const alternatives = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (alternatives) {
    const nonNull = alternatives.filter((alternative) => !isNullOnly(alternative));
    if (nonNull.length === 1 && nonNull.length < alternatives.length) {
      const inner = shapeOf({ ...schema, ...nonNull[0], oneOf: undefined, anyOf: undefined });
      return { types: inner.types ? new Set([...inner.types, 'null']) : undefined, schema: inner.schema };
    }
  }
  const type = schema.type;
  const types = type === undefined ? undefined : new Set(Array.isArray(type) ? (type as string[]) : [type as string]);
  // An enum that lists null allows null whatever `type` says.
  if (types && Array.isArray(schema.enum) && (schema.enum as unknown[]).includes(null)) types.add('null');
  if (types?.has('integer') && types.has('number')) types.delete('integer');
  return { types, schema };
}

function isNullOnly(schema: Schema): boolean {
  return schema.type === 'null' || (Array.isArray(schema.enum) && schema.enum.length === 1 && schema.enum[0] === null);
}

/** Whether every value of type `a` is of a type of `b`: integer is a number. */
function covers(b: Set<string>, a: string): boolean {
  return b.has(a) || (a === 'integer' && b.has('number'));
}

/**
 * One schema against its new form, `side` saying whose values they are: a response's values go to
 * the client (a wider schema can break it), a request's come from it (a narrower one can).
 */
function diffSchema(
  before: Schema | undefined,
  after: Schema | undefined,
  where: string,
  side: 'request' | 'response',
  add: Add,
  depth = 0,
): void {
  if (!before || !after || depth > 32 || before === after) return;
  const kind = side === 'response' ? 'response-property' : 'request-property';
  const old = shapeOf(before);
  const now = shapeOf(after);
  // Types: what the new one allows that the old did not is new to the reader of the values.
  if (old.types && now.types) {
    const added = [...now.types].filter((type) => !covers(old.types!, type));
    const removed = [...old.types].filter((type) => !covers(now.types!, type));
    const nullOnly = (list: string[]) => list.length === 1 && list[0] === 'null';
    if (nullOnly(added) && removed.length === 0)
      add(`${kind}-became-nullable`, side === 'response', true, where, `${where} may now be null`);
    else if (nullOnly(removed) && added.length === 0)
      add(`${kind}-became-not-nullable`, side === 'request', false, where, `${where} is no longer null`);
    else if (added.length > 0 || removed.length > 0)
      add(
        `${kind}-type-changed`,
        side === 'response' ? added.length > 0 : removed.length > 0,
        added.length > 0,
        where,
        `${where} was ${[...old.types].join(' or ')}, is now ${[...now.types].join(' or ')}`,
      );
  } else if (!old.types && now.types && side === 'request') {
    add(`${kind}-type-changed`, true, false, where, `${where} now must be ${[...now.types].join(' or ')}`);
  }
  diffValues(old.schema, now.schema, where, side, kind, add);
  diffProperties(old.schema, now.schema, where, side, kind, add, depth);
  const items = [old.schema.items, now.schema.items] as [Schema | undefined, Schema | undefined];
  if (items[0] && items[1]) diffSchema(items[0], items[1], `${where}/items`, side, add, depth + 1);
  const maps = [old.schema.additionalProperties, now.schema.additionalProperties];
  if (typeof maps[0] === 'object' && typeof maps[1] === 'object')
    diffSchema(maps[0] as Schema, maps[1] as Schema, `${where}/*`, side, add, depth + 1);
}

function diffValues(before: Schema, after: Schema, where: string, side: 'request' | 'response', kind: string, add: Add): void {
  const old = Array.isArray(before.enum) ? (before.enum as unknown[]) : undefined;
  const now = Array.isArray(after.enum) ? (after.enum as unknown[]) : undefined;
  const shown = (values: unknown[]) => values.map((value) => JSON.stringify(value)).join(', ');
  if (old && now) {
    const removed = old.filter((value) => !now.some((other) => JSON.stringify(other) === JSON.stringify(value)));
    const added = now.filter((value) => !old.some((other) => JSON.stringify(other) === JSON.stringify(value)));
    // A value gone breaks a client that sends it or waits for it; one added is read as unknown by an old client.
    if (removed.length > 0) add(`${kind}-enum-value-removed`, true, false, where, `${where} no longer takes ${shown(removed)}`);
    if (added.length > 0) add(`${kind}-enum-value-added`, false, true, where, `${where} also takes ${shown(added)}`);
  } else if (old && !now) add(`${kind}-enum-removed`, side === 'response', true, where, `${where} is no longer one of ${shown(old)}`);
  else if (!old && now) add(`${kind}-enum-added`, side === 'request', false, where, `${where} must now be one of ${shown(now)}`);
  if (before.format !== after.format) {
    if (before.format !== undefined && after.format === undefined)
      add(`${kind}-format-removed`, side === 'response', true, where, `${where} is no longer of format ${String(before.format)}`);
    else if (before.format === undefined)
      add(`${kind}-format-added`, side === 'request', false, where, `${where} is now of format ${String(after.format)}`);
    else
      add(`${kind}-format-changed`, true, true, where, `${where} was of format ${String(before.format)}, is now ${String(after.format)}`);
  }
}

function diffProperties(
  before: Schema,
  after: Schema,
  where: string,
  side: 'request' | 'response',
  kind: string,
  add: Add,
  depth: number,
): void {
  const old = (before.properties ?? {}) as Record<string, Schema>;
  const now = (after.properties ?? {}) as Record<string, Schema>;
  const oldRequired = new Set((before.required ?? []) as string[]);
  const nowRequired = new Set((after.required ?? []) as string[]);
  const removed = Object.keys(old).filter((name) => !(name in now));
  const added = Object.keys(now).filter((name) => !(name in old));
  const at = (name: string) => `${where}/${escapeToken(name)}`;
  for (const name of removed) {
    // The same schema under another name is a rename: one change, not a removal and an addition.
    const renamed = added.find((other) => sameSchema(old[name]!, now[other]!) && !removed.includes(other));
    if (renamed !== undefined) {
      added.splice(added.indexOf(renamed), 1);
      add(`${kind}-renamed`, true, true, at(name), `${at(name)} was renamed ${renamed}`);
    } else if (side === 'response') add(`${kind}-removed`, true, true, at(name), `${at(name)} was removed`);
    else add(`${kind}-removed`, false, false, at(name), `${at(name)} is no longer taken`);
  }
  for (const name of added) {
    if (side === 'request' && nowRequired.has(name))
      add('new-required-request-property', true, false, at(name), `${at(name)} was added, required`);
    else add(`${kind}-added`, false, side === 'response', at(name), `${at(name)} was added${nowRequired.has(name) ? '' : ', optional'}`);
  }
  for (const name of Object.keys(old)) {
    if (!(name in now)) continue;
    const wasRequired = oldRequired.has(name);
    const isRequired = nowRequired.has(name);
    if (wasRequired && !isRequired)
      add(`${kind}-became-optional`, side === 'response', side === 'response', at(name), `${at(name)} may now be left out`);
    if (!wasRequired && isRequired)
      add(
        `${kind}-became-required`,
        side === 'request',
        false,
        at(name),
        `${at(name)} is now always there${side === 'request' ? ': a client must send it' : ''}`,
      );
    diffSchema(old[name], now[name], at(name), side, add, depth + 1);
  }
}

/** Two schemas alike but for their words: descriptions, examples and the evidence of a calibration. */
function sameSchema(a: Schema, b: Schema): boolean {
  return JSON.stringify(a, withoutWords) === JSON.stringify(b, withoutWords);
}

function withoutWords(key: string, value: unknown): unknown {
  return key === 'description' || key === 'examples' || key === 'example' || key === 'title' ? undefined : value;
}
