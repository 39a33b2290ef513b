import type { Express } from 'express';
import type { Logger } from 'pino';
import { generatedJobSource, type JobSource } from './data/jobSource';
import { createPrismEngine } from './engines/prism';
import { assembleMock, type MockControl } from './mock/assembleMock';
import type { MockGateway } from './gateway/createGateway';
import { fixtureJobSource, readFixtureFile } from './fixtures/loadFixtures';
import { referenceTimeOf, resolveOptions, type MockOptions } from './options';
import type { FaultInjector } from './scenario/faultInjector';
import { resolveScenario } from './scenario/resolveScenario';
import { createLogger } from './server/requestLog';
import { serverApp } from './server/serverApp';
import type { OpenApiDocument } from './spec/loadSpec';
import type { OperationId } from './spec/types';
import { loadSpecBundle } from './spec/specBundle';
import type { SettableClock, VirtualClock } from './state/clock';
import type { StateStore } from './state/stateStore';
import { Journal } from './state/journal';

/** A mock ready to serve: its Express app, the state behind it, and its control (`reset`, `setScenario`, `forceNext` …). */
export interface Mock extends MockControl {
  app: Express;
  options: MockOptions;
  spec: OpenApiDocument;
  clock: SettableClock;
  executions: StateStore['executions'];
  source: JobSource;
  journal: Journal;
  faults: FaultInjector;
  logger: Logger;
  /** The ION API gateway in front of the API (--gateway): its users, their `.ionapi` files, its authorization server. */
  gateway?: MockGateway;
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
  const fixture = resolved.fixtures ? await readFixtureFile(resolved.fixtures, documented) : undefined;
  // A generated fixture file is served at the instant its jobs were rendered at, unless --now says
  // otherwise: its triggers and dates are of that instant.
  const writtenAt = fixture?.generated?.now;
  const referenceTime = options.now === undefined && writtenAt !== undefined ? Date.parse(writtenAt) : referenceTimeOf(resolved.now);
  const mock = assembleMock({
    bundle,
    settings: resolved,
    source: fixture
      ? fixtureJobSource(fixture, { seed: resolved.seed, since: referenceTime })
      : generatedJobSource(resolved.seed, resolved.jobs, referenceTime),
    referenceTime,
    scenario: await resolveScenario(
      resolved,
      operations.map((operation) => operation.operationId),
    ),
    calibrated: resolved.overlays.length > 0,
    clock: overrides.clock,
    store: resolved.state ? (clock, faults) => redisModule().redisStateStore(resolved.state!, resolved.seed, clock, faults) : undefined,
    engine: resolved.engine === 'prism' ? await createPrismEngine(resolved.specPath, operations) : undefined,
  });
  const { source, store, clock, faults } = mock;
  await store.open();
  const journal = new Journal(resolved.journalSize, resolved.journalBytes);
  const logger = createLogger(resolved.log, overrides.logStream);
  const app = serverApp({
    api: mock.pipeline,
    spec,
    operations,
    control: resolved.control
      ? {
          state: { info: infoOf(resolved, source), store, reset: mock.control.reset },
          authToken: resolved.authToken,
          bodyLimit: resolved.bodyLimit,
          tryItOut: resolved.engine === 'faker' ? tryItOutIds(source) : {},
          gateway: resolved.gateway,
        }
      : undefined,
    journal,
    logger,
    corsOrigins: resolved.corsOrigins,
  });
  return {
    app,
    options: resolved,
    spec,
    clock,
    executions: store.executions,
    source,
    journal,
    faults,
    logger,
    gateway: mock.gateway,
    ...mock.control,
    close: store.close,
  };
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

/** ioredis, loaded only with --state: a mock in one process does not wait for it at start. */
function redisModule(): typeof import('./state/redisStateStore') {
  return require('./state/redisStateStore') as typeof import('./state/redisStateStore');
}
