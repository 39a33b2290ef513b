import { defaultReferenceTime, portableDefaults } from './defaults';
import { SetupError } from './errors/setupError';
import { defaultSpecPath } from './spec/bundledPaths';

/** How the mock server behaves: one typed object, its defaults set here and nowhere else. */
export interface MockOptions {
  /** The OpenAPI document to serve. */
  specPath: string;
  /** Overlays applied to it in order, such as a tenant's calibration: the mock then answers in the tenant's shape. */
  overlays: string[];
  /** 'faker': realistic, stateful jobs; 'prism': Stoplight Prism's answers from the spec. */
  engine: 'faker' | 'prism';
  /** Seed of the generated data; the same seed gives the same jobs. */
  seed: number;
  /** How many jobs to generate. */
  jobs: number;
  /** The reference time generated data is relative to (epoch ms), or 'real' for the time of start-up. */
  now: number | 'real';
  /** 'running': the clock starts at `now` and moves at real speed; 'frozen': it stays at `now`. */
  clock: 'running' | 'frozen';
  /** A fixture file whose jobs are served instead of generated ones. */
  fixtures: string | undefined;
  /** Validate every response against the spec; a violation becomes a 500 listing the reasons. */
  strict: boolean;
  /** When set, every secured operation needs `Authorization: Bearer <authToken>`. */
  authToken: string | undefined;
  /** Browser origins allowed besides localhost ones; '*' allows every origin. */
  corsOrigins: string[];
  /** Latency of every request in ms: a number, or "min-max". */
  latency: string | undefined;
  /** Share of requests answered with a 500, from 0 to 1. */
  errorRate: number | undefined;
  /** A scenario file (JSON or YAML) with latency and error rate, in general and per operation. */
  scenario: string | undefined;
  /** Serve the control API and the inspector under /__mock. */
  control: boolean;
  /** How many requests the journal keeps. */
  journalSize: number;
  /** Bytes the journal may hold, its entries and the answers kept for a check together. */
  journalBytes: number;
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
  /** How long a request may take to arrive, headers and body, in ms; a slower one gets 408. */
  requestTimeoutMs: number;
  host: string;
  port: number;
  /** Request log: 'auto' is readable on a terminal and JSON lines elsewhere; 'silent' logs nothing. */
  log: 'auto' | 'pretty' | 'json' | 'silent';
  /** A tenant to stand in for the ION API gateway of: the API under /<tenant>/RPA, OAuth 2.0 tokens from /<tenant>/as/. */
  gateway: string | undefined;
  /** Seconds a gateway token is valid. */
  tokenLifetime: number;
  /** With a gateway, whether the API is also served at its plain paths (/api/v1/…). */
  plainPaths: boolean;
  /** A Redis URL (redis://host:port/db) to keep runs, clock and scenario in, shared by replicas; in the process when absent. */
  state: string | undefined;
}

export { defaultReferenceTime };

export const defaultOptions: MockOptions = {
  ...portableDefaults,
  specPath: defaultSpecPath,
  overlays: [],
  engine: 'faker',
  now: defaultReferenceTime,
  fixtures: undefined,
  corsOrigins: [],
  latency: undefined,
  errorRate: undefined,
  scenario: undefined,
  control: true,
  journalSize: 500,
  journalBytes: 32 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  host: '127.0.0.1',
  port: 4010,
  log: 'auto',
  state: undefined,
};

/** Fills in the defaults: `resolveOptions({ seed: 7 })`. */
export function resolveOptions(options: Partial<MockOptions> = {}): MockOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const resolved = { ...defaultOptions, ...defined };
  if (resolved.gateway !== undefined && resolved.authToken !== undefined)
    throw new OptionsError('--gateway and --auth-token exclude each other: behind the gateway, tokens come from its token endpoint');
  if (resolved.gateway !== undefined && !tenantPattern.test(resolved.gateway))
    throw new OptionsError(`the gateway's tenant '${resolved.gateway}' must be letters, digits, _ and -, such as ACME_TST`);
  return resolved;
}

/** A tenant name as it appears in a gateway URL: `ACME_TST`. */
export const tenantPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Options that cannot go together, or a value no flag parser saw (the config file's, createMock's): exit 2. */
export class OptionsError extends SetupError {}

/** The reference time of `--now`: the instant given, or the start-up time (whole seconds) for 'real'. */
export function referenceTimeOf(now: number | 'real'): number {
  return now === 'real' ? Math.floor(Date.now() / 1000) * 1000 : now;
}
