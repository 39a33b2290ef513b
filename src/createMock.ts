import type { Express } from 'express';
import type { Logger } from 'pino';
import { generatedJobSource, type JobSource } from './data/jobSource';
import { createFakerEngine } from './engines/faker';
import { loadFixtures } from './fixtures/loadFixtures';
import { resolveOptions, type MockOptions } from './options';
import { createApp } from './server/createApp';
import { createLogger } from './server/requestLog';
import { loadSpec, type OpenApiDocument } from './spec/loadSpec';
import { createOperationMatcher } from './spec/matchOperation';
import { indexOperations } from './spec/operations';
import { ManualClock, runningClock, type Clock } from './state/clock';
import { ExecutionStore } from './state/executionStore';
import { compileValidators } from './validator';

/** A mock ready to serve: its Express app and the state behind it. */
export interface Mock {
  app: Express;
  options: MockOptions;
  spec: OpenApiDocument;
  clock: Clock;
  executions: ExecutionStore;
  source: JobSource;
  logger: Logger;
}

export interface MockOverrides {
  /** A clock of the caller's, such as a ManualClock in tests. */
  clock?: Clock;
  /** Where log lines go; standard output by default. */
  logStream?: NodeJS.WritableStream;
}

/**
 * Builds the mock from its options: loads the spec, compiles the validators, prepares the jobs.
 * `const { app } = await createMock({ seed: 7, strict: true })`.
 * Throws SpecError or FixtureError on a bad spec or fixture file.
 */
export async function createMock(options: Partial<MockOptions> = {}, overrides: MockOverrides = {}): Promise<Mock> {
  const resolved = resolveOptions(options);
  const spec = await loadSpec(resolved.specPath);
  const operations = indexOperations(spec);
  const referenceTime = resolved.now === 'real' ? Math.floor(Date.now() / 1000) * 1000 : resolved.now;
  const clock = overrides.clock ?? (resolved.clock === 'frozen' ? new ManualClock(referenceTime) : runningClock(referenceTime));
  const source = resolved.fixtures ? await loadFixtures(resolved.fixtures, spec) : generatedJobSource(resolved.seed, resolved.jobs, referenceTime);
  const executions = new ExecutionStore();
  const engine = createFakerEngine({ seed: resolved.seed, source, executions, clock }, operations);
  const logger = createLogger(resolved.log, overrides.logStream);
  const app = createApp({
    match: createOperationMatcher(operations),
    validators: compileValidators(operations),
    engine,
    authToken: resolved.authToken,
    strict: resolved.strict,
    bodyLimit: resolved.bodyLimit,
    logger,
    corsOrigins: resolved.corsOrigins,
  });
  return { app, options: resolved, spec, clock, executions, source, logger };
}
