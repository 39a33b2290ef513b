import type { Engine } from '../core/engine';
import { ForcedAnswers, type ForcedAnswer } from '../core/forcedAnswers';
import { bearerToken, type PipelineContext } from '../core/pipeline';
import { scenarioCheck } from '../scenario/scenarioCheck';
import controlJson from '../spec/control.gen.json';
import { dereference } from '../spec/dereference';
import type { OpenApiDocument } from '../spec/loadSpec';
import { wireShape } from '../core/wireShape';
import type { JobSource } from '../data/jobSource';
import { createFakerEngine } from '../engines/faker';
import type { MockOptions } from '../options';
import { FaultInjector } from '../scenario/faultInjector';
import type { Scenario } from '../scenario/scenario';
import type { SpecBundle } from '../spec/bundleOf';
import { VirtualClock } from '../state/clock';
import { localStateStore } from '../state/localStateStore';
import { createWorld } from '../data/world';
import { createGateway, type MockGateway } from '../gateway/createGateway';
import type { StateStore } from '../state/stateStore';

/** What every mock is made of, whatever serves it: read from files (serve) or given as objects (the MSW handlers). */
export interface MockParts {
  bundle: SpecBundle;
  settings: Pick<MockOptions, 'seed' | 'clock' | 'authToken' | 'bodyLimit' | 'strict' | 'gateway' | 'tokenLifetime' | 'plainPaths'>;
  /** The jobs served: generated from the seed, or a fixture file's. */
  source: JobSource;
  /** The instant the clock starts at. */
  referenceTime: number;
  /** Latency and errors to inject, already checked. */
  scenario: Scenario;
  /** Whether the spec is a tenant's calibration: then every answer goes out in the tenant's shape. */
  calibrated: boolean;
  /** A clock of the caller's, such as a frozen one in tests. */
  clock?: VirtualClock;
  /** Where the state lives; in this process unless given (Redis with --state). */
  store?: (clock: VirtualClock, faults: FaultInjector) => StateStore;
  /** The engine that answers; the faker engine over the source and the store unless given (Prism). */
  engine?: Engine;
}

/** A mock, assembled: the state behind it and the one pipeline every adapter answers through. */
export interface AssembledMock {
  bundle: SpecBundle;
  operationIds: string[];
  source: JobSource;
  clock: VirtualClock;
  faults: FaultInjector;
  /** Opened (`await store.open()`) before the first request: a shared store connects then. */
  store: StateStore;
  pipeline: PipelineContext;
  /** The ION API gateway in front of it (--gateway): its users and authorization server. */
  gateway?: MockGateway;
  /** How a test steers it, by the same names in every adapter. */
  control: MockControl;
}

/**
 * How a test steers a mock, the same in every adapter (`createMock`, the MSW handlers, the
 * Playwright adapter): the clock is beside it (`clock.advance(ms)`, `clock.set(time)`).
 */
export interface MockControl {
  /** Returns everything to the start: forgets every run started, sets the clock back, restores the first scenario, forgets forced answers and the gateway's tokens. */
  reset(): Promise<void>;
  /** Injects latency and errors from now on, as a scenario file or `PUT /__mock/scenario` gives them; checked as they are. */
  setScenario(scenario: Scenario): Promise<void>;
  /** No latency and no injected errors from now on. */
  clearScenario(): Promise<void>;
  /** Answers the next valid request of an operation with this, once: `forceNext('getJob', { status: 503 })`. */
  forceNext(operationId: string, answer: ForcedAnswer): void;
}

/**
 * Builds a mock from its parts, in one place for every adapter (the Express server, the MSW
 * handlers, and any to come), so that all answer alike: validation, auth, faults, shared state.
 */
export function assembleMock(parts: MockParts): AssembledMock {
  const { bundle, settings, source } = parts;
  const clock = parts.clock ?? new VirtualClock(parts.referenceTime, settings.clock);
  const faults = new FaultInjector(parts.scenario, settings.seed);
  const store = (parts.store ?? localStateStore)(clock, faults);
  const engine =
    parts.engine ?? createFakerEngine({ seed: settings.seed, source, executions: store.executions, clock, store }, bundle.operations);
  const gateway =
    settings.gateway === undefined
      ? undefined
      : createGateway({
          tenant: settings.gateway,
          tokenLifetime: settings.tokenLifetime,
          plainPaths: settings.plainPaths,
          seed: settings.seed,
          people: createWorld(settings.seed, parts.referenceTime).people,
        });
  const forced = new ForcedAnswers();
  const pipeline: PipelineContext = {
    match: bundle.match,
    validators: bundle.validators,
    engine,
    authorize: gateway ? gateway.authorize : settings.authToken === undefined ? undefined : bearerToken(settings.authToken),
    gateway: gateway?.gateway,
    forced,
    bodyLimit: settings.bodyLimit,
    requestCheck: 'reject',
    responseCheck: settings.strict ? 'reject' : 'off',
    rejectAs: 'invalid_response',
    faults,
    refresh: store.refresh,
    shape: parts.calibrated ? wireShape : undefined,
  };
  const operationIds = bundle.operations.map((operation) => operation.operationId);
  // Compiled at the first setScenario: a mock that is never steered does not wait for it at start.
  let checkScenario: ReturnType<typeof scenarioCheck> | undefined;
  const control: MockControl = {
    reset: async () => {
      await store.reset();
      await store.moveClock((moved) => moved.adopt({ base: parts.referenceTime, origin: Date.now() }));
      await store.switchScenario(parts.scenario);
      forced.clear();
      gateway?.authServer.reset();
    },
    setScenario: async (scenario) => {
      checkScenario ??= scenarioCheck(dereference(JSON.parse(JSON.stringify(controlJson)) as object) as OpenApiDocument, operationIds);
      await store.switchScenario(checkScenario(scenario, 'the scenario'));
    },
    clearScenario: () => store.switchScenario({}),
    forceNext: (operationId, answer) => {
      if (!operationIds.includes(operationId))
        throw new TypeError(`forceNext: no operation '${operationId}'; the operations are ${operationIds.join(', ')}`);
      if (!Number.isInteger(answer.status) || answer.status < 200 || answer.status > 599)
        throw new TypeError(`forceNext: the status must be an integer from 200 to 599, not ${String(answer.status)}`);
      forced.force(operationId, answer);
    },
  };
  return { bundle, operationIds, source, clock, faults, store, pipeline, gateway, control };
}
