import { SetupError } from '../errors/setupError';
import { sendWithToken, type TokenSource } from '../credentials/tokenSource';
import { mediaTypeOf } from '../text/mediaType';

/** One request and what came back, as the checks see it. */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  /** The media type without parameters, or undefined when none was sent. */
  contentType: string | undefined;
  text: string;
  durationMs: number;
  /** Where a redirect points, when the answer is one. */
  location?: string;
  /** The `Link` header (RFC 8288), where a paged list may name its next page. */
  link?: string;
}

/** The server could not be reached, did not answer in time, or its gateway kept refusing: not a contract violation. */
export class ConnectionError extends Error {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'timeout' | 'gateway',
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

/**
 * A token the server accepted earlier in the run is refused now, and its source cannot renew it (a
 * `--token`): the credentials ran out, which is not the contract's fault.
 */
export class CredentialsExpiredError extends SetupError {}

export interface RequestOptions {
  body?: unknown;
  /** 'default': the configured token (renewed on a 401); 'none': no Authorization header; or a token of the caller's. */
  auth?: 'default' | 'none' | { token: string };
}

export type Send = (method: string, pathAndQuery: string, options?: RequestOptions) => Promise<Exchange>;

export interface ClientConfig {
  baseUrl: string;
  /** Where the configured token comes from; none: requests go without one. */
  tokenSource: TokenSource | undefined;
  timeoutMs: number;
  retries: number;
  /** Total time the run may spend waiting on a throttling or unavailable gateway, over all requests. */
  gatewayBudgetMs?: number;
  /** How the client waits before a retry; tests pass one that does not sleep. */
  wait?: (ms: number) => Promise<void>;
}

/**
 * Statuses of a gateway, not of the API: 429 (the ION API gateway's quota) and 502/503/504 (its
 * upstream failed, is down, or passed the gateway's 60 s time-out). Retried, never findings.
 */
const gatewayStatuses = new Set([429, 502, 503, 504]);
const maxGatewayAttempts = 6;
export const defaultGatewayBudgetMs = 120_000;

/**
 * A small HTTP client for the checks: a time-out per request, a bounded number of retries when
 * the connection fails (a server that hangs is reported, not waited on forever), and retries of
 * gateway conditions: 429 after its `Retry-After`, 502/503/504 with backoff, all within one
 * budget of waiting per run. What still fails is a ConnectionError: the check could not run.
 * The configured token is asked of its source per request; a 401 to it renews it once and sends
 * the request once more (a 401 means the server did nothing, so even an execute is safe to repeat).
 */
export function createClient(config: ClientConfig): Send {
  const wait = config.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const budget = { limitMs: config.gatewayBudgetMs ?? defaultGatewayBudgetMs, waitedMs: 0 };
  const exchange = (method: string, url: string, token: string | undefined, body: unknown) =>
    exchangeOnce(method, url, requestInit(method, token, body), config, wait, budget);
  // Whether the server accepted the configured token once: a 401 after that means it ran out.
  let accepted = false;
  return async (method, pathAndQuery, options = {}) => {
    const url = `${config.baseUrl}${pathAndQuery}`;
    const auth = options.auth ?? 'default';
    const source = auth === 'default' ? config.tokenSource : undefined;
    if (!source) return exchange(method, url, auth === 'default' || auth === 'none' ? undefined : auth.token, options.body);
    const { answer, renewable } = await sendWithToken(
      source,
      (token) => exchange(method, url, token, options.body),
      (sent) => sent.status === 401,
    );
    // The first refusal is the preflight's to explain (credentials rejected, with a hint).
    if (!renewable && accepted)
      throw new CredentialsExpiredError(
        `credentials rejected: ${method} ${url} → 401 with the token given, which the server accepted earlier in the run: ` +
          'it has expired? A --token cannot be renewed; pass --ionapi to have tokens renewed before they expire',
      );
    accepted ||= answer.status !== 401;
    return answer;
  };
}

/** One request, with its retries of a failed connection and of gateway conditions. */
async function exchangeOnce(
  method: string,
  url: string,
  init: RequestInit,
  config: ClientConfig,
  wait: (ms: number) => Promise<void>,
  budget: { limitMs: number; waitedMs: number },
): Promise<Exchange> {
  for (let attempt = 0, gatewayAttempt = 0; ;) {
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(config.timeoutMs) });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new ConnectionError(`${method} ${url}: no answer within ${config.timeoutMs} ms`, 'timeout');
      }
      if (attempt >= config.retries) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new ConnectionError(
          `${method} ${url}: cannot connect (${cause?.code ?? cause?.message ?? (error as Error).message}) after ${attempt + 1} attempt${attempt === 0 ? '' : 's'}`,
          'unreachable',
        );
      }
      attempt += 1;
      await wait(200 * attempt);
      continue;
    }
    const text = await response.text();
    if (gatewayStatuses.has(response.status)) {
      gatewayAttempt += 1;
      const delay = retryDelay(response, gatewayAttempt);
      if (gatewayAttempt >= maxGatewayAttempts || budget.waitedMs + delay > budget.limitMs) {
        throw new ConnectionError(
          `${method} ${url}: the gateway answered ${response.status} ${gatewayAttempt} time${gatewayAttempt === 1 ? '' : 's'}${response.status === 429 ? ' (throttled)' : ' (upstream unavailable)'}; gave up after waiting ${Math.round(budget.waitedMs / 1000)} s of at most ${budget.limitMs / 1000} s`,
          'gateway',
        );
      }
      budget.waitedMs += delay;
      await wait(delay);
      continue;
    }
    const header = response.headers.get('content-type');
    const contentType = header ? mediaTypeOf(header) || undefined : undefined;
    const location = response.headers.get('location') ?? undefined;
    const link = response.headers.get('link') ?? undefined;
    return { method, url, status: response.status, contentType, text, durationMs: performance.now() - started, location, link };
  }
}

function requestInit(method: string, token: string | undefined, body: unknown): RequestInit {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' };
}

/** `Retry-After` in seconds or as an HTTP date (RFC 9110 §10.2.3); otherwise 0.5, 1, 2 … s of backoff. */
function retryDelay(response: Response, attempt: number): number {
  const header = response.headers.get('retry-after');
  if (header !== null) {
    if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  return 500 * 2 ** (attempt - 1);
}
