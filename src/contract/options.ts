import { defaultSpecPath } from '../spec/bundledPaths';
import { defaultGatewayBudgetMs, type Send } from './httpClient';
import { staticToken, type TokenSource } from '../credentials/tokenSource';

/** What `verify` checks and how: one typed object, defaults set here. */
export interface ContractOptions {
  /** The API base, up to but not including `/api/v1/…`, such as https://gateway/TENANT/RPA. */
  baseUrl: string;
  /** The environment whose jobs are listed. */
  environment: string;
  /** A bearer token to send, as it is (never renewed); when set, requests without it or with a wrong one must get 401. */
  token: string | undefined;
  /**
   * Where the bearer token comes from, renewed when due and on a 401, such as
   * `tokenSource(await readIonApi('ACME.ionapi'), { timeoutMs })`; used instead of `token` when both are given.
   */
  tokenSource: TokenSource | undefined;
  /** How many jobs of the list are fetched by id. */
  maxJobs: number;
  /** How many pages of a paged list are read (each list also stops at 64 MB and two minutes). */
  maxPages: number;
  /**
   * Requests in flight at once where they do not depend on each other (jobs and processes by id): a
   * tenant that takes 2 s an answer is sampled in a quarter of the time, and never flooded.
   */
  concurrency: number;
  /** Whether to execute a job: against a real tenant that starts a robot. */
  allowExecute: boolean;
  /** Whether fields the spec does not know fail the run instead of warning. */
  failOnExtra: boolean;
  /** Time-out of one request, in ms. */
  timeoutMs: number;
  /** Retries of a request whose connection failed (refused, reset); never of one that timed out. */
  retries: number;
  /** `warn`: findings on parts of the spec marked x-inferred are warnings, not failures. */
  inferred: 'fail' | 'warn';
  /** Total time to wait on a throttling or unavailable gateway over the run, in ms. */
  gatewayBudgetMs: number;
  specPath: string;
  /** Overlays applied to the spec in order, such as a tenant's calibration. */
  overlays: string[];
  /** How many generated bad requests to send to the read operations (--negative); none by default. */
  negative?: number;
  /** The seed of those requests, to replay a run; a new one each run by default. */
  negativeSeed?: number;
  /** The least coverage, in percent, a run must reach (--min-coverage); none by default. */
  minCoverage?: number;
  /** Checks not to run, by id (calibrate leaves out every request that is not read-only). */
  skipChecks: string[];
  /** How the client waits before a retry; tests pass one that does not sleep. */
  wait?: (ms: number) => Promise<void>;
  /** Wraps the client's send: calibration records the answers, then verifies its overlay on the recording. */
  wrapSend?: (send: Send) => Send;
}

export const defaultContractOptions: Omit<ContractOptions, 'baseUrl'> = {
  environment: 'default',
  token: undefined,
  tokenSource: undefined,
  maxJobs: 20,
  maxPages: 100,
  concurrency: 4,
  allowExecute: false,
  failOnExtra: false,
  timeoutMs: 10_000,
  retries: 2,
  inferred: 'fail',
  gatewayBudgetMs: defaultGatewayBudgetMs,
  specPath: defaultSpecPath,
  overlays: [],
  skipChecks: [],
};

export function resolveContractOptions(options: Partial<ContractOptions> & { baseUrl: string }): ContractOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  // One way for the checks to reach the token: a plain `token` is a source that cannot renew.
  const tokenSource = options.tokenSource ?? (options.token === undefined ? undefined : staticToken(options.token));
  return { ...defaultContractOptions, ...defined, tokenSource, baseUrl: options.baseUrl.replace(/\/+$/, '') } as ContractOptions;
}
