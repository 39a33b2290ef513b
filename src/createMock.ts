import type { Express } from 'express';
import type { Logger } from 'pino';
import { createControl } from './control/createControl';
import { generatedJobSource, type JobSource } from './data/jobSource';
import type { Engine } from './engines/engine';
import { createFakerEngine } from './engines/faker';
import { createPrismEngine } from './engines/prism';
import { loadFixtures } from './fixtures/loadFixtures';
import { referenceTimeOf, resolveOptions, type MockOptions } from './options';
import { FaultInjector } from './scenario/faultInjector';
import { resolveScenario } from './scenario/resolveScenario';
import { createApp } from './server/createApp';
import { createPages } from './server/pages';
import { createLogger } from './server/requestLog';
import { loadSpec, type OpenApiDocument } from './spec/loadSpec';
import { createOperationMatcher } from './spec/matchOperation';
import { indexOperations, type Operation } from './spec/operations';
import { VirtualClock, type SettableClock } from './state/clock';
import { ExecutionStore } from './state/executionStore';
import { Journal } from './state/journal';
import { compileValidators } from './validator';

/** A mock ready to serve: its Express app and the state behind it. */
export interface Mock {
  app: Express;
  options: MockOptions;
  spec: OpenApiDocument;
  clock: SettableClock;
  executions: ExecutionStore;
  source: JobSource;
  journal: Journal;
  faults: FaultInjector;
  logger: Logger;
}

export interface MockOverrides {
  /** A clock of the caller's, such as a frozen VirtualClock in tests. */
  clock?: SettableClock;
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
  const spec = await loadSpec(resolved.specPath);
  const operations = indexOperations(spec);
  const operationIds = operations.map((operation) => operation.operationId);
  const referenceTime = referenceTimeOf(resolved.now);
  const clock = overrides.clock ?? new VirtualClock(referenceTime, resolved.clock);
  const source = resolved.fixtures
    ? await loadFixtures(resolved.fixtures, spec)
    : generatedJobSource(resolved.seed, resolved.jobs, referenceTime);
  const executions = new ExecutionStore();
  const faults = new FaultInjector(await resolveScenario(resolved, operationIds), resolved.seed);
  const journal = new Journal(resolved.journalSize, resolved.journalBytes);
  const logger = createLogger(resolved.log, overrides.logStream);
  const engine = await createEngine(resolved, operations, { seed: resolved.seed, source, executions, clock });
  const app = createApp({
    api: {
      match: createOperationMatcher(operations),
      validators: compileValidators(operations),
      engine,
      authToken: resolved.authToken,
      bodyLimit: resolved.bodyLimit,
      requestCheck: 'reject',
      responseCheck: resolved.strict ? 'reject' : 'off',
      rejectAs: 'invalid_response',
      faults,
    },
    control: resolved.control ? createControl({ clock, executions, faults, journal, operationIds }, resolved.authToken) : undefined,
    pages: resolved.control ? createPages(spec) : undefined,
    journal,
    logger,
    corsOrigins: resolved.corsOrigins,
  });
  return { app, options: resolved, spec, clock, executions, source, journal, faults, logger };
}

function createEngine(
  options: MockOptions,
  operations: Operation[],
  context: Parameters<typeof createFakerEngine>[0],
): Promise<Engine> | Engine {
  return options.engine === 'prism' ? createPrismEngine(options.specPath, operations) : createFakerEngine(context, operations);
}
