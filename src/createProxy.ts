import type { Express } from 'express';
import type { Logger } from 'pino';
import { readIonApi } from './credentials/ionApi';
import { tokenSourceFor } from './credentials/tokenSource';
import { createForwarder } from './engines/forwarder';
import { createApp } from './server/createApp';
import { corsMethodsOf } from './server/cors';
import { createPages } from './server/pages';
import { createLogger } from './server/requestLog';
import { loadSpecBundle } from './spec/specBundle';
import { Journal } from './state/journal';
import type { ProxyOptions } from './proxyOptions';

export interface Proxy {
  app: Express;
  journal: Journal;
  logger: Logger;
  options: ProxyOptions;
}

/**
 * A validating proxy in front of a real deployment: forwards every operation of the spec, checks
 * request and answer against the spec, logs and journals each violation.
 */
export async function createProxy(options: ProxyOptions, logStream?: NodeJS.WritableStream): Promise<Proxy> {
  const { document: spec, operations, match, validators } = await loadSpecBundle(options.specPath, options.overlays);
  const credentials = options.ionapi ? await readIonApi(options.ionapi) : undefined;
  const tokens = tokenSourceFor(credentials, options.token, options.timeoutMs);
  // The first token now: credentials the token endpoint refuses stop the proxy before it listens.
  if (credentials) await tokens!.current();
  const journal = new Journal(options.journalSize, options.journalBytes);
  const logger = createLogger(options.log, logStream);
  const engine = createForwarder({
    upstream: options.upstream,
    timeoutMs: options.timeoutMs,
    maxValidateBytes: options.maxValidateBytes,
    tokens,
  });
  const app = createApp({
    api: {
      match,
      validators,
      engine,
      authToken: undefined,
      bodyLimit: options.bodyLimit,
      requestCheck: 'report',
      responseCheck: options.errors ? 'reject' : 'report',
      rejectAs: 'invalid_upstream_response',
    },
    control: options.control
      ? () =>
          controlModule().createControl(
            {
              info: { mode: 'proxy', engine: null, upstream: options.upstream, environments: [], clock: false },
              journal,
              operationIds: operations.map((o) => o.operationId),
            },
            undefined,
          )
      : undefined,
    pages: options.control ? createPages(spec) : undefined,
    journal,
    logger,
    corsOrigins: options.corsOrigins,
    corsMethods: corsMethodsOf(operations, options.control),
  });
  return { app, journal, logger, options };
}

/** The control API's module, loaded when it is first needed: 100 ms off the start-up. */
function controlModule(): typeof import('./control/createControl') {
  return require('./control/createControl') as typeof import('./control/createControl');
}
