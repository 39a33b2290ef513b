import type { Operation } from '../spec/operations';
import { compileOperation, type OperationValidator } from './compileOperation';
import { createAjv } from './createAjv';

export type { OperationValidator } from './compileOperation';
export { toViolations, listedViolations, mergeChecks, type ViolationList } from './violations';
export { createAjv } from './createAjv';

/** Compiles a validator for every operation, keyed by operationId; done once at start-up. */
export function compileValidators(operations: Operation[]): Map<string, OperationValidator> {
  const ajv = createAjv();
  const paramsAjv = createAjv({ coerce: true });
  return new Map(operations.map((operation) => [operation.operationId, compileOperation(operation, ajv, paramsAjv)]));
}
