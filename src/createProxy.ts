import type { Express } from 'express';
import type { Logger } from 'pino';
import { readIonApi } from './credentials/ionApi';
import { tokenSourceFor } from './credentials/tokenSource';
import { createForwarder } from './engines/forwarder';
import { createLogger } from './server/requestLog';
import { serverApp } from './server/serverApp';
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
  const app = serverApp({
    api: {
      match,
      validators,
      engine,
      bodyLimit: options.bodyLimit,
      requestCheck: 'report',
      responseCheck: options.errors ? 'reject' : 'report',
      rejectAs: 'invalid_upstream_response',
    },
    spec,
    operations,
    control: options.control
      ? {
          state: { info: { mode: 'proxy', engine: null, upstream: options.upstream, environments: [], clock: false } },
          authToken: undefined,
          bodyLimit: options.bodyLimit,
        }
      : undefined,
    journal,
    logger,
    corsOrigins: options.corsOrigins,
  });
  return { app, journal, logger, options };
}
