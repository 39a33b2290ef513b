import fc from 'fast-check';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { Operation } from '../../spec/operations';
import { listedViolations } from '../../validator';
import type { Exchange } from '../httpClient';
import type { Check, CheckContext, Finding } from '../types';

/** One bad request: what is wrong with it, and where it goes. */
export interface BadRequest {
  operation: Operation;
  /** In words: `without the required query parameter 'environment'`. */
  why: string;
  path: string;
  query: Record<string, string>;
  /** Whether what it breaks is a part of the spec the documentation left open (x-inferred). */
  inferred: boolean;
}

/** Time the negative checks may take, shrinking the first failure included. */
const budgetMs = 60_000;

/** A well-formed id nobody has: the last group spells it. */
const uuid = fc.uuid().map((id) => `${id.slice(0, 24)}0000deadbeef`);

/** Ids that are no ids: no UUID, too long, or made of what a path should not carry. */
const malformedIds = fc.oneof(
  fc.stringMatching(/^[a-z0-9-]{1,40}$/).filter((text) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)),
  fc.integer({ min: 257, max: 4_000 }).map((length) => 'x'.repeat(length)),
  fc.string({ minLength: 1, maxLength: 12 }).map((text) => `${text}'"<>;%`),
);

/** Values a parameter with an enum does not list. */
function notListed(values: unknown[]) {
  return fc
    .oneof(fc.string({ minLength: 1, maxLength: 24 }), fc.constantFrom('UNATTENDED', 'null', '0', 'Unattended ', 'all'))
    .filter((value) => !values.includes(value));
}

/**
 * The bad requests of one read operation, generated from its parameters in the spec: a required
 * parameter left out, a value its enum does not list, one shorter than its minLength, a malformed
 * id, an id nobody has. Valid otherwise (the environment of the run), so the bad part is the one
 * the answer must refuse.
 */
export function badRequestsOf(operation: Operation, environment: string): fc.Arbitrary<BadRequest>[] {
  const query = operation.parameters.filter((p) => p.in === 'query');
  const base = Object.fromEntries(query.filter((p) => p.required).map((p) => [p.name, p.name === 'environment' ? environment : 'x']));
  const pathOf = (id: string) => operation.pathTemplate.replace(/\{[^}]+\}/, encodeURIComponent(id));
  const anyPath = (id: string) => (operation.pathTemplate.includes('{') ? pathOf(id) : operation.pathTemplate);
  const inferredOf = (p: OpenAPIV3_1.ParameterObject) => (p as { 'x-inferred'?: boolean })['x-inferred'] === true;
  const schemaOf = (p: OpenAPIV3_1.ParameterObject) => (p.schema ?? {}) as { enum?: unknown[]; minLength?: number; format?: string };
  const cases: fc.Arbitrary<BadRequest>[] = [];
  const withId = (make: (id: string) => BadRequest) => uuid.map(make);
  for (const p of query) {
    if (p.required) {
      const { [p.name]: _left, ...rest } = base;
      cases.push(
        withId((id) => ({
          operation,
          why: `without the required query parameter '${p.name}'`,
          path: anyPath(id),
          query: rest,
          inferred: inferredOf(p),
        })),
      );
    }
    const schema = schemaOf(p);
    if (schema.enum)
      cases.push(
        fc.tuple(uuid, notListed(schema.enum)).map(([id, value]) => ({
          operation,
          why: `with a value of '${p.name}' its enum does not list`,
          path: anyPath(id),
          query: { ...base, [p.name]: value },
          inferred: inferredOf(p),
        })),
      );
    if (schema.minLength !== undefined && schema.minLength > 0)
      cases.push(
        withId((id) => ({
          operation,
          why: `with '${p.name}' shorter than its minLength`,
          path: anyPath(id),
          query: { ...base, [p.name]: '' },
          inferred: inferredOf(p),
        })),
      );
  }
  const id = operation.parameters.find((p) => p.in === 'path');
  if (id) {
    cases.push(
      malformedIds.map((bad) => ({
        operation,
        why: `with a malformed ${id.name}`,
        path: pathOf(bad),
        query: base,
        inferred: inferredOf(id),
      })),
    );
    cases.push(
      withId((unknown) => ({ operation, why: `with an ${id.name} nobody has`, path: pathOf(unknown), query: base, inferred: false })),
    );
  }
  return cases;
}

/**
 * `verify --negative N`: N bad requests to the read operations (GET only: none can start a robot),
 * each expecting a 4xx in the error shape the spec declares for it, never a 5xx and never a 2xx
 * that ignored the bad part. The first failure is shrunk to its smallest form and shown as a curl
 * line (the token masked). Bounded by N requests and a minute, shrinking included.
 */
export function negativeChecks(context: CheckContext): Check[] {
  const count = context.options.negative;
  if (!count) return [];
  return [
    {
      id: 'negative/bad-requests',
      operationId: '',
      title: `${count} generated bad requests to the read operations each get a 4xx in the declared error shape`,
      run: async () => runNegative(context, count),
    },
  ];
}

async function runNegative(context: CheckContext, count: number): Promise<Finding[]> {
  const reads = [...context.operations.values()].filter((operation) => operation.method === 'get');
  const cases = reads.flatMap((operation) => badRequestsOf(operation, context.options.environment));
  if (cases.length === 0) return [];
  let sent = 0;
  // Never more requests than asked for, and as many again to shrink a failure.
  const limit = count * 2;
  const found: Finding[] = [];
  const details = await fc.check(
    fc.asyncProperty(fc.oneof(...cases), async (bad) => {
      fc.pre(sent < limit);
      sent++;
      const pathAndQuery = `${bad.path}${queryOf(bad.query)}`;
      const exchange = await context.send('GET', pathAndQuery);
      const problem = judge(context, bad, exchange);
      if (problem) {
        found.splice(0, found.length, { ...problem, request: `GET ${pathAndQuery} → ${exchange.status}` });
        return false;
      }
      return true;
    }),
    { numRuns: count, seed: context.options.negativeSeed, interruptAfterTimeLimit: budgetMs, markInterruptAsFailure: false },
  );
  if (!details.failed || found.length === 0) return [];
  const [bad] = details.counterexample ?? [];
  const finding = found[0]!;
  const curl = bad ? curlOf(context, bad) : '';
  return [
    {
      ...finding,
      message: `${finding.message}; shrunk after ${details.numRuns} cases and ${details.numShrinks} shrinks (seed ${details.seed}): ${curl}`,
    },
  ];
}

/** What is wrong with the answer to a bad request, or undefined when it refused it as the spec says. */
function judge(context: CheckContext, bad: BadRequest, exchange: Exchange): Omit<Finding, 'request'> | undefined {
  const what = `${bad.operation.operationId} ${bad.why}`;
  if (exchange.status >= 500)
    return {
      severity: 'failure',
      rule: 'negative-5xx',
      message: `${what} got ${exchange.status}: a bad request must get a 4xx, not a server error`,
      inferred: bad.inferred || undefined,
    };
  if (exchange.status < 400)
    return {
      severity: 'failure',
      rule: 'negative-accepted',
      message: `${what} got ${exchange.status}: the bad part was ignored, not refused`,
      inferred: bad.inferred || undefined,
    };
  let body: unknown = exchange.text;
  try {
    body = JSON.parse(exchange.text);
  } catch {
    // The check names a body that is not JSON.
  }
  const validator = context.validators.get(bad.operation.operationId)!;
  const shape = validator.checkResponse({ status: exchange.status, contentType: exchange.contentType, body }, listedViolations);
  if (shape.violations.length === 0) return undefined;
  return {
    severity: 'failure',
    rule: 'negative-error-shape',
    message: `${what} got ${exchange.status}, not in the error shape the spec declares: ${shape.violations[0]!.message}`,
    inferred: true,
  };
}

function queryOf(query: Record<string, string>): string {
  const text = new URLSearchParams(query).toString();
  return text ? `?${text}` : '';
}

/** The failing request as a curl line, its token masked: `curl -s 'https://…' -H 'Authorization: Bearer ***'`. */
function curlOf(context: CheckContext, bad: BadRequest): string {
  const url = `${context.options.baseUrl}${bad.path}${queryOf(bad.query)}`.replace(/'/g, `'\\''`);
  return `curl -s '${url}'${context.options.tokenSource ? ` -H 'Authorization: Bearer ***'` : ''}`;
}
