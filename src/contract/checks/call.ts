import { fillPath } from '../../spec/fillPath';
import type { OperationId } from '../../spec/types';
import type { RequestOptions } from '../httpClient';
import { inspectResponse, type Inspection } from '../inspectResponse';
import { followPages } from '../paging/followPages';
import { listItemsKey } from '../diagnose/unwrapList';
import type { Operation } from '../../spec/operations';
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
  const sent = await context.send(operation.method.toUpperCase(), pathAndQuery(context, operationId, call), {
    body: call.body,
    auth: call.auth,
  });
  // A list is checked whole: every page of a paged one.
  const { exchange, findings } = isList(operation) ? await followPages(context, operation, sent) : { exchange: sent, findings: [] };
  const inspection = inspectResponse(exchange, expectedStatus ?? operation.successStatus, operation, context.validators.get(operationId)!, {
    failOnExtra: context.options.failOnExtra,
    observe: (observation) => context.diagnosis.observe(observation, context.currentCheck),
    learn: {
      components: context.components,
      learn: (node, departure, value, expected) =>
        context.diagnosis.learn(node, departure, value, expected, operationId, context.currentCheck),
    },
  });
  return findings.length === 0 ? inspection : { ...inspection, findings: [...findings, ...inspection.findings] };
}

/** Whether an operation answers a list: its documented success schema wraps an array of items. */
function isList(operation: Operation): boolean {
  const content = operation.responses[String(operation.successStatus)]?.content ?? {};
  return (
    operation.method === 'get' &&
    Object.values(content).some(
      (media) => listItemsKey(media.schema) !== undefined || (media.schema as { type?: unknown } | undefined)?.type === 'array',
    )
  );
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
