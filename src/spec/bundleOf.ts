import { compileValidators, type OperationValidator } from '../validator';
import type { OpenApiDocument } from './loadSpec';
import { createOperationMatcher, type RouteMatch } from './matchOperation';
import { indexOperations, type Operation } from './operations';

/** Everything a spec gives the mock, the proxy, the control API and verify: built once per spec. */
export interface SpecBundle {
  document: OpenApiDocument;
  /** The operations in the spec's order. */
  operations: Operation[];
  byId: Map<string, Operation>;
  match: (method: string, path: string) => RouteMatch;
  validators: Map<string, OperationValidator>;
}

/** The bundle of a document already loaded. */
export function bundleOf(document: OpenApiDocument): SpecBundle {
  const operations = indexOperations(document);
  return {
    document,
    operations,
    byId: new Map(operations.map((operation) => [operation.operationId, operation])),
    match: createOperationMatcher(operations),
    validators: compileValidators(operations),
  };
}
