import type { Express } from 'express';
import type { Logger } from 'pino';
import { fetchToken, readIonApi } from './contract/ionApi';
import { createForwarder } from './engines/forwarder';
import { createApp } from './server/createApp';
import { corsMethodsOf } from './server/cors';
import { createPages } from './server/pages';
import { createLogger } from './server/requestLog';
import { loadSpecBundle } from './spec/specBundle';
import { Journal } from './state/journal';
import { defaultOptions, type MockOptions } from './options';

/** How the validating proxy behaves. */
export interface ProxyOptions extends Pick<
  MockOptions,
  | 'specPath'
  | 'overlays'
  | 'host'
  | 'port'
  | 'corsOrigins'
  | 'log'
  | 'journalSize'
  | 'journalBytes'
  | 'requestTimeoutMs'
  | 'control'
  | 'bodyLimit'
> {
  /** Answers larger than this many bytes pass through unchecked, as they arrive. */
  maxValidateBytes: number;
  /** Base URL of the real deployment, up to but not including /api/v1. */
  upstream: string;
  /** A token to send instead of the caller's. */
  token?: string;
  /** An .ionapi file to get the token from (and again when it expires). */
  ionapi?: string;
  /** Answer a response that breaks the spec with 502 and the violations, instead of passing it on. */
  errors: boolean;
  /** Time-out of one upstream request, in ms. */
  timeoutMs: number;
}

/** The proxy's defaults, set here and nowhere else; it shares the mock's server defaults. */
export const defaultProxyOptions: Omit<ProxyOptions, 'upstream'> = {
  specPath: defaultOptions.specPath,
  overlays: defaultOptions.overlays,
  host: defaultOptions.host,
  port: defaultOptions.port,
  corsOrigins: defaultOptions.corsOrigins,
  log: defaultOptions.log,
  journalSize: defaultOptions.journalSize,
  journalBytes: defaultOptions.journalBytes,
  requestTimeoutMs: defaultOptions.requestTimeoutMs,
  control: defaultOptions.control,
  bodyLimit: defaultOptions.bodyLimit,
  errors: false,
  timeoutMs: 30_000,
  // Answers up to this size are read whole and checked; larger ones pass through unchecked.
  maxValidateBytes: 10 * 1000 * 1000,
};

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
  let token = credentials ? await fetchToken(credentials, options.timeoutMs) : options.token;
  const journal = new Journal(options.journalSize, options.journalBytes);
  const logger = createLogger(options.log, logStream);
  const engine = createForwarder({
    upstream: options.upstream,
    timeoutMs: options.timeoutMs,
    maxValidateBytes: options.maxValidateBytes,
    token: token === undefined ? undefined : async () => token,
    refreshToken: credentials
      ? async () => {
          token = await fetchToken(credentials, options.timeoutMs);
        }
      : undefined,
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
