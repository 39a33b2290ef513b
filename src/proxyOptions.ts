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
  /** An .ionapi file to get the token from, renewed before it expires and once when the upstream answers 401. */
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
