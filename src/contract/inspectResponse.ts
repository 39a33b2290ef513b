import type { Operation } from '../spec/operations';
import type { OperationValidator } from '../validator';
import { canonicaliseBody } from './diagnose/canonicaliseBody';
import { isInferred } from './diagnose/isInferred';
import type { Observation } from './diagnose/observation';
import { unwrapList } from './diagnose/unwrapList';
import { findExtraFields } from './extraFields';
import { errorBodyMessage, htmlPageTitle } from './diagnose/errorBody';
import { foldSummaryItems, isPropertyOfObject } from './diagnose/foldSummaryItems';
import { learnFromViolations, type Learn } from './learn/learnFromViolations';
import { documentedView } from '../spec/calibration/documentedView';
import type { Exchange } from './httpClient';
import type { Finding } from './types';
import { isJsonMediaType } from '../text/mediaType';

export interface Inspection {
  findings: Finding[];
  /** The parsed body, read the spec's way (see canonicaliseBody), when the status was the expected one and it was JSON. */
  body?: unknown;
}

export interface InspectOptions {
  failOnExtra: boolean;
  /** Where departures go to be named once as root causes; returns the cause's key, or undefined when the value conforms. */
  observe?: (observation: Observation) => string | undefined;
  /** Where violations on inferred nodes go to be learned, with the spec's component schemas (see learnFromViolations). */
  learn?: { learn: Learn; components: ReadonlySet<object> };
}

/**
 * Checks one response against the spec: status, content type, JSON, then the body against the
 * schema declared for that status and media type, reporting every violation. A body in another
 * naming convention, envelope or spelling is read the spec's way first, each departure becoming
 * one root cause, so the findings left are the server's real breaks. Fields the spec does not know
 * are warnings, or failures with --fail-on-extra.
 */
export function inspectResponse(
  exchange: Exchange,
  expectedStatus: number,
  operation: Operation,
  validator: OperationValidator,
  options: InspectOptions,
): Inspection {
  const request = `${exchange.method} ${exchange.url} → ${exchange.status}`;
  const declared = operation.responses[String(expectedStatus)];
  const inferred = operation.inferred || isInferredContent(declared?.content);
  const causes = new Map<string, Finding>();
  const addCause = (key: string, inferredCause: boolean) => {
    if (!causes.has(key))
      causes.set(key, {
        severity: 'failure',
        request,
        rule: 'root-cause',
        cause: key,
        message: `root cause ${key}`,
        inferred: inferredCause || undefined,
      });
  };
  const observe = (observation: Observation) => {
    const key = options.observe?.(observation);
    if (key) addCause(key, 'inferred' in observation ? observation.inferred : true);
  };
  // Another success status where the operation's is x-inferred (`_execute`'s 202): one root cause, and the body is still read.
  const otherSuccess = isSuccess(expectedStatus) && isSuccess(exchange.status) && operation.inferred;
  if (exchange.status !== expectedStatus && otherSuccess)
    observe({
      kind: 'success-status',
      operationId: operation.operationId,
      expected: expectedStatus,
      found: exchange.status,
      inferred: true,
    });
  else if (exchange.status !== expectedStatus) {
    return {
      findings: [
        {
          severity: 'failure',
          request,
          rule: 'status',
          message: `expected status ${expectedStatus}, got ${exchange.status}${detailOf(exchange.text)}`,
          expected: String(expectedStatus),
          actual: exchange.status,
          inferred: inferred || undefined,
        },
      ],
    };
  }
  const mediaTypes = Object.keys(declared?.content ?? {});
  if (mediaTypes.length === 0) return { findings: [] };
  const isError = expectedStatus >= 400;
  const page = isError ? undefined : htmlPageTitle(exchange.contentType, exchange.text);
  if (page !== undefined) {
    // A login or portal page where the API was asked for: nothing of the API was served.
    observe({
      kind: 'not-the-api',
      operationId: operation.operationId,
      status: exchange.status,
      message: page,
      page: true,
      inferred: false,
    });
    return { findings: [...causes.values()] };
  }
  let contentType = exchange.contentType;
  if (contentType === undefined || !mediaTypes.includes(contentType)) {
    // JSON under another media type where the spec's is x-inferred: an error body in plain JSON where
    // the spec says problem+json (the gateway documents no error body), or a successful answer as
    // `application/vnd…+json` or `text/json` (the documentation names no media type). One root
    // cause, and the body is still read.
    const mediaInferred = isError ? inferred : Object.values(declared?.content ?? {}).some((media) => isInferred(media));
    const json =
      contentType !== undefined &&
      (isError ? isJsonMediaType(contentType) && contentType !== 'text/json' : isJsonText(contentType, exchange.text));
    if (json && mediaInferred) {
      observe({
        kind: 'media',
        operationId: operation.operationId,
        status: expectedStatus,
        found: contentType!,
        declared: mediaTypes.join(' or '),
        inferred: true,
      });
      contentType = mediaTypes[0]!;
    } else {
      return {
        findings: [
          {
            severity: 'failure',
            request,
            rule: 'content-type',
            message: `expected content type ${mediaTypes.join(' or ')}, got ${exchange.contentType ?? 'none'}`,
            expected: mediaTypes.join(' or '),
            actual: exchange.contentType ?? null,
            inferred: inferred || undefined,
          },
        ],
      };
    }
  }
  let body: unknown;
  try {
    body = JSON.parse(exchange.text);
  } catch (error) {
    return {
      findings: [
        {
          severity: 'failure',
          request,
          rule: 'json',
          message: `the body is not valid JSON (${(error as Error).message}); ${exchange.text.length} bytes received`,
          actual: exchange.text.slice(-60),
        },
      ],
    };
  }
  const schema = declared?.content?.[contentType]?.schema;
  const refusal = isError ? undefined : errorBodyMessage(body);
  if (refusal !== undefined) {
    // Nothing of the API was served: named as the root cause, never learned, never passed, whatever --inferred says.
    observe({
      kind: 'not-the-api',
      operationId: operation.operationId,
      status: exchange.status,
      message: refusal,
      page: false,
      inferred: false,
    });
    return { findings: [...causes.values()] };
  }
  if (!isError) body = canonicaliseBody(unwrapList(body, schema, observe), schema, observe);
  let violations = validator.validateResponse({ status: expectedStatus, contentType, body });
  if (isError && inferred && violations.length > 0) {
    observe({
      kind: 'error-shape',
      operationId: operation.operationId,
      status: exchange.status,
      problem: violations[0]!.message,
      example: body,
      inferred: true,
    });
    violations = [];
  }
  violations = foldSummaryItems(violations, schema, body, observe);
  // A null where a value is wanted is the 'null' root cause, named once (see canonicaliseBody).
  if (!isError) violations = violations.filter((v) => !(v.rule === 'type' && v.actual === null && isPropertyOfObject(body, v.pointer)));
  if (!isError && options.learn) {
    const learned = learnFromViolations(violations, schema, body, options.learn.components, options.learn.learn);
    for (const key of learned.causes) addCause(key, true);
    violations = learned.kept;
  }
  const findings: Finding[] = violations.map((v) => ({
    severity: 'failure' as const,
    request,
    pointer: v.pointer,
    rule: v.rule,
    message: v.message,
    expected: v.expected,
    actual: v.actual,
    hint: v.hint,
    inferred: v.inferred || operation.inferred || undefined,
  }));
  for (const pointer of findExtraFields(schema, body)) {
    findings.push({
      severity: options.failOnExtra ? 'failure' : 'warning',
      request,
      pointer,
      rule: 'extra-field',
      message: `response body at ${pointer} is not in the spec`,
    });
  }
  // The checks read documented names and values, whatever a calibrated spec says the wire has.
  return { findings: [...causes.values(), ...findings], body: documentedView(body, schema) };
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** JSON sent under a media type a JSON API may use for it (`text/html` is a page, whatever it holds). */
function isJsonText(contentType: string, text: string): boolean {
  if (!isJsonMediaType(contentType) && contentType !== 'text/plain') return false;
  try {
    JSON.parse(text);
    return text.trim() !== '';
  } catch {
    return false;
  }
}

function isInferredContent(content: Record<string, { schema?: unknown }> | undefined): boolean {
  return Object.values(content ?? {}).some((media) => isInferred(media.schema));
}

function detailOf(text: string): string {
  try {
    const problem = JSON.parse(text) as { detail?: unknown; message?: unknown };
    const detail = problem.detail ?? problem.message;
    return typeof detail === 'string' ? ` (${detail.slice(0, 200)})` : '';
  } catch {
    return '';
  }
}
