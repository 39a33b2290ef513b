import type { Operation } from '../spec/operations';
import type { OperationValidator } from '../validator';
import { findExtraFields } from './extraFields';
import type { Exchange } from './httpClient';
import type { Finding } from './types';

export interface Inspection {
  findings: Finding[];
  /** The parsed body when the status was the expected one and it was JSON. */
  body?: unknown;
}

/**
 * Checks one response against the spec: status, content type, JSON, then the body against the
 * schema declared for that status and media type, reporting every violation. Fields the spec does
 * not know are warnings, or failures with --fail-on-extra.
 */
export function inspectResponse(
  exchange: Exchange,
  expectedStatus: number,
  operation: Operation,
  validator: OperationValidator,
  failOnExtra: boolean,
): Inspection {
  const request = `${exchange.method} ${exchange.url} → ${exchange.status}`;
  const declared = operation.responses[String(expectedStatus)];
  const inferred = operation.inferred || isInferred(declared?.content);
  if (exchange.status !== expectedStatus) {
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
  if (mediaTypes.length > 0 && (exchange.contentType === undefined || !mediaTypes.includes(exchange.contentType))) {
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
  if (mediaTypes.length === 0) return { findings: [] };
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
  const findings: Finding[] = validator.validateResponse({ status: exchange.status, contentType: exchange.contentType, body }).map((v) => ({
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
  for (const pointer of findExtraFields(declared?.content?.[exchange.contentType!]?.schema, body)) {
    findings.push({
      severity: failOnExtra ? 'failure' : 'warning',
      request,
      pointer,
      rule: 'extra-field',
      message: `response body at ${pointer} is not in the spec`,
    });
  }
  return { findings, body };
}

function isInferred(content: Record<string, { schema?: unknown }> | undefined): boolean {
  return Object.values(content ?? {}).some((media) => (media.schema as { 'x-inferred'?: boolean } | undefined)?.['x-inferred'] === true);
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
