import type { Express } from 'express';
import type { Logger } from 'pino';
import { generatedJobSource, type JobSource } from './data/jobSource';
import { createPrismEngine } from './engines/prism';
import { fakerEngineOf, mockPipeline } from './mock/mockPipeline';
import { fixtureJobSource, readFixtureFile } from './fixtures/loadFixtures';
import { referenceTimeOf, resolveOptions, type MockOptions } from './options';
import { FaultInjector } from './scenario/faultInjector';
import { resolveScenario } from './scenario/resolveScenario';
import { createApp } from './server/createApp';
import { corsMethodsOf } from './server/cors';
import { createPages } from './server/pages';
import { createLogger } from './server/requestLog';
import type { OpenApiDocument } from './spec/loadSpec';
import type { OperationId } from './spec/types';
import { loadSpecBundle } from './spec/specBundle';
import { VirtualClock, type SettableClock } from './state/clock';
import { localStateStore } from './state/localStateStore';
import type { StateStore } from './state/stateStore';
import { Journal } from './state/journal';

/** A mock ready to serve: its Express app and the state behind it. */
export interface Mock {
  app: Express;
  options: MockOptions;
  spec: OpenApiDocument;
  clock: SettableClock;
  executions: StateStore['executions'];
  source: JobSource;
  journal: Journal;
  faults: FaultInjector;
  logger: Logger;
  /** Lets go of what the mock holds outside the process (the Redis connection of --state). */
  close(): Promise<void>;
}

export interface MockOverrides {
  /** A clock of the caller's, such as a frozen VirtualClock in tests. */
  clock?: VirtualClock;
  /** Where log lines go; standard output by default. */
  logStream?: NodeJS.WritableStream;
}

/**
 * Builds the mock from its options: loads the spec, compiles the validators, prepares the jobs,
 * the engine, the scenario and the control API.
 * `const { app } = await createMock({ seed: 7, strict: true })`.
 * Throws SpecError, FixtureError or ScenarioError on a bad spec, fixture or scenario file.
 */
export async function createMock(options: Partial<MockOptions> = {}, overrides: MockOverrides = {}): Promise<Mock> {
  const resolved = resolveOptions(options);
  const bundle = await loadSpecBundle(resolved.specPath, resolved.overlays);
  const { document: spec, operations } = bundle;
  // Fixture files hold jobs in the documented shape, whatever shape an overlay gives the wire.
  const documented = resolved.overlays.length > 0 ? (await loadSpecBundle(resolved.specPath)).document : spec;
  const operationIds = operations.map((operation) => operation.operationId);
  const fixture = resolved.fixtures ? await readFixtureFile(resolved.fixtures, documented) : undefined;
  // A generated fixture file is served at the instant its jobs were rendered at, unless --now says
  // otherwise: its triggers and dates are of that instant.
  const writtenAt = fixture?.generated?.now;
  const referenceTime = options.now === undefined && writtenAt !== undefined ? Date.parse(writtenAt) : referenceTimeOf(resolved.now);
  const clock = overrides.clock ?? new VirtualClock(referenceTime, resolved.clock);
  const source = fixture
    ? fixtureJobSource(fixture, { seed: resolved.seed, since: referenceTime })
    : generatedJobSource(resolved.seed, resolved.jobs, referenceTime);
  const faults = new FaultInjector(await resolveScenario(resolved, operationIds), resolved.seed);
  // ioredis loads only with --state: 100 ms of start-up that a mock in one process does not need.
  const store = resolved.state
    ? await (require('./state/redisStateStore') as typeof import('./state/redisStateStore')).redisStateStore(
        resolved.state,
        resolved.seed,
        clock,
        faults,
      )
    : localStateStore(clock, faults);
  const { executions } = store;
  const journal = new Journal(resolved.journalSize, resolved.journalBytes);
  const logger = createLogger(resolved.log, overrides.logStream);
  const engine =
    resolved.engine === 'prism'
      ? await createPrismEngine(resolved.specPath, operations)
      : fakerEngineOf(bundle, source, store, resolved.seed);
  const app = createApp({
    api: mockPipeline(bundle, engine, store, resolved),
    control: resolved.control
      ? () => controlModule().createControl({ info: infoOf(resolved, source), store, journal, operationIds }, resolved.authToken)
      : undefined,
    pages: resolved.control ? createPages(spec, resolved.engine === 'faker' ? tryItOutIds(source) : {}) : undefined,
    journal,
    logger,
    corsOrigins: resolved.corsOrigins,
    corsMethods: corsMethodsOf(operations, resolved.control),
  });
  return { app, options: resolved, spec, clock, executions, source, journal, faults, logger, close: store.close };
}

/**
 * Ids this mock has, for the examples of /docs: "Try it out" then answers 200 at the first click.
 * The first active job of the default environment, and its process.
 */
function tryItOutIds(source: JobSource): Record<string, string> {
  const defaultEnvironment = source.environments.find((environment) => environment.name === 'default') ?? source.environments[0];
  for (let index = 0; index < Math.min(source.size, 1_000); index++) {
    const { fields } = source.record(index);
    if (!fields.active || fields.environment_id !== defaultEnvironment?.environment_id) continue;
    return { getJob: fields.id, executeJob: fields.id, getProcess: fields.process_id } satisfies Partial<Record<OperationId, string>>;
  }
  return {};
}

/** What the control API says of this mock (GET /__mock/info). */
function infoOf(options: MockOptions, source: JobSource) {
  return {
    mode: 'mock' as const,
    engine: options.engine,
    upstream: null,
    environments: source.environments.map((e) => e.name),
    clock: true,
  };
}

/** The control API's module, loaded when it is first needed: 100 ms off the start-up. */
function controlModule(): typeof import('./control/createControl') {
  return require('./control/createControl') as typeof import('./control/createControl');
}
