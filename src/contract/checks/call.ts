import type { RequestOptions } from '../httpClient';
import { inspectResponse, type Inspection } from '../inspectResponse';
import type { CheckContext } from '../types';

export interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  auth?: RequestOptions['auth'];
}

/**
 * Calls an operation by its operationId, the path and method taken from the spec, and inspects
 * the answer against what the spec declares for `expectedStatus`.
 */
export async function callOperation(context: CheckContext, operationId: string, call: Call, expectedStatus: number): Promise<Inspection> {
  const operation = context.operations.get(operationId)!;
  const path = operation.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(call.params?.[name] ?? ''));
  const query = new URLSearchParams(call.query ?? {}).toString();
  const exchange = await context.send(operation.method.toUpperCase(), query ? `${path}?${query}` : path, { body: call.body, auth: call.auth });
  return inspectResponse(exchange, expectedStatus, operation, context.validators.get(operationId)!, context.options.failOnExtra);
}

/** The request a finding is about, for findings the checks make themselves. */
export function describeCall(context: CheckContext, operationId: string, call: Call): string {
  const operation = context.operations.get(operationId)!;
  const path = operation.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => call.params?.[name] ?? '');
  const query = new URLSearchParams(call.query ?? {}).toString();
  return `${operation.method.toUpperCase()} ${context.options.baseUrl}${path}${query ? `?${query}` : ''}`;
}
