import { controlSpecPath } from '../spec/loadSpec';
import { loadSpecBundle } from '../spec/specBundle';
import { bearerToken, type PipelineContext } from '../core/pipeline';
import { scenarioCheck } from '../scenario/loadScenario';
import { createControlEngine, type ControlState } from './controlEngine';

/** The control API under /__mock: its own spec, validated like the API, answered from the state. */
export async function createControl(
  state: ControlState,
  authToken: string | undefined,
  bodyLimit: number,
): Promise<PipelineContext & { document: object }> {
  const { document, match, validators } = await loadSpecBundle(controlSpecPath);
  return {
    document,
    match,
    validators,
    engine: createControlEngine(state, scenarioCheck(document, state.operationIds)),
    authorize: authToken === undefined ? undefined : bearerToken(authToken),
    bodyLimit,
    requestCheck: 'reject',
    responseCheck: 'off',
    rejectAs: 'invalid_response',
    refresh: state.store?.refresh,
  };
}
