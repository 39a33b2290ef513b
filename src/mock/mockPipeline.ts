import type { JobSource } from '../data/jobSource';
import type { Engine } from '../core/engine';
import { createFakerEngine } from '../engines/faker';
import type { MockOptions } from '../options';
import type { SpecBundle } from '../spec/bundleOf';
import type { StateStore } from '../state/stateStore';
import type { PipelineContext } from '../core/pipeline';
import { wireShape } from '../core/wireShape';

/**
 * The mock's request pipeline over a spec bundle and an engine: the same for the Express server and
 * the MSW handlers, so both answer alike (validation, auth, faults, shared state).
 */
export function mockPipeline(
  bundle: SpecBundle,
  engine: Engine,
  store: StateStore,
  options: Pick<MockOptions, 'authToken' | 'bodyLimit' | 'strict'> & Partial<Pick<MockOptions, 'overlays'>>,
): PipelineContext {
  return {
    match: bundle.match,
    validators: bundle.validators,
    engine,
    authToken: options.authToken,
    bodyLimit: options.bodyLimit,
    requestCheck: 'reject',
    responseCheck: options.strict ? 'reject' : 'off',
    rejectAs: 'invalid_response',
    faults: store.faults,
    refresh: store.refresh,
    // A calibrated spec: every answer goes out in the tenant's shape.
    shape: options.overlays && options.overlays.length > 0 ? wireShape : undefined,
  };
}

/** The faker engine over a job source and a state store. */
export function fakerEngineOf(bundle: SpecBundle, source: JobSource, store: StateStore, seed: number): Engine {
  return createFakerEngine({ seed, source, executions: store.executions, clock: store.clock, store }, bundle.operations);
}
