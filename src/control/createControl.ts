import { loadSpec, controlSpecPath } from '../spec/loadSpec';
import { createOperationMatcher } from '../spec/matchOperation';
import { indexOperations } from '../spec/operations';
import type { PipelineContext } from '../server/pipeline';
import { compileValidators } from '../validator';
import { createControlEngine, type ControlState } from './controlEngine';

/** The control API under /__mock: its own spec, validated like the API, answered from the state. */
export async function createControl(state: ControlState, authToken: string | undefined): Promise<PipelineContext & { document: object }> {
  const document = await loadSpec(controlSpecPath);
  const operations = indexOperations(document);
  return {
    document,
    match: createOperationMatcher(operations),
    validators: compileValidators(operations),
    engine: createControlEngine(state),
    authToken,
    bodyLimit: 100 * 1024,
    requestCheck: 'reject',
    responseCheck: 'off',
    rejectAs: 'invalid_response',
  };
}
