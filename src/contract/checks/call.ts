import { fillPath } from '../../spec/fillPath';
import type { OperationId } from '../../spec/types';
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
export async function callOperation(
  context: CheckContext,
  operationId: OperationId,
  call: Call,
  expectedStatus?: number,
): Promise<Inspection> {
  const operation = context.operations.get(operationId)!;
  const exchange = await context.send(operation.method.toUpperCase(), pathAndQuery(context, operationId, call), {
    body: call.body,
    auth: call.auth,
  });
  return inspectResponse(exchange, expectedStatus ?? operation.successStatus, operation, context.validators.get(operationId)!, {
    failOnExtra: context.options.failOnExtra,
    observe: (observation) => context.diagnosis.observe(observation, context.currentCheck),
    learn: {
      components: context.components,
      learn: (node, departure, value, expected) =>
        context.diagnosis.learn(node, departure, value, expected, operationId, context.currentCheck),
    },
  });
}

/** The request a finding is about, for findings the checks make themselves. */
export function describeCall(context: CheckContext, operationId: OperationId, call: Call): string {
  const operation = context.operations.get(operationId)!;
  return `${operation.method.toUpperCase()} ${context.options.baseUrl}${pathAndQuery(context, operationId, call)}`;
}

function pathAndQuery(context: CheckContext, operationId: OperationId, call: Call): string {
  const path = fillPath(context.operations.get(operationId)!.pathTemplate, call.params ?? {});
  const query = new URLSearchParams(call.query ?? {}).toString();
  return query ? `${path}?${query}` : path;
}
