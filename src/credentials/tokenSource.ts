import type { IonApiCredentials } from './ionApiCredentials';
import { credentialValues, requestToken, TokenRefusedError, type Grant, type IssuedToken } from './tokenEndpoint';

/**
 * Where the bearer token of a run comes from: an `.ionapi` file's token endpoint, renewed before it
 * expires and when the server refuses it, or a static token that cannot be renewed.
 */
export interface TokenSource {
  /** The token to send now; one due for renewal is renewed first, one renewal shared by every caller. */
  current(): Promise<string>;
  /**
   * A new token after the server refused `refused` (a 401); the newer one, `borrowed`, when another
   * caller renewed it meanwhile. Undefined when the source cannot renew. Throws an IonApiError (a
   * SetupError) when the token endpoint refuses or cannot be reached.
   */
  renew(refused: string): Promise<Renewal | undefined>;
  /** What must never be printed: the credentials and the tokens issued lately. A live list: it grows as tokens are issued. */
  readonly secrets: readonly string[];
}

export interface Renewal {
  token: string;
  /** Renewed by another caller before this one asked: it may be used up by the time this one sends it. */
  borrowed: boolean;
}

export interface TokenSourceOptions {
  /** Time-out of one token request, in ms. */
  timeoutMs: number;
  /** The clock, in ms: tests pass their own, so they never sleep. */
  now?: () => number;
  /** How the token endpoint is asked; the global fetch at the time of asking by default (MSW's, once it patched it). */
  fetch?: typeof fetch;
}

/**
 * Tokens issued are kept for masking, the newest this many: a run of verify renews a few times, a
 * proxy running for days would renew without end, and it masks only what it writes now.
 */
const rememberedTokens = 48;

/**
 * Renewal margin: the smaller of 60 s and a fifth of the lifetime. A minute covers the clock skew
 * between this machine and the gateway and a request that is slow to cross it; a fifth keeps a
 * short-lived token (the tenant admin sets the lifetime, 10 s in a test tenant) in use for most of
 * its life instead of renewing it before every request.
 */
function marginOf(lifetimeMs: number): number {
  return Math.min(60_000, lifetimeMs / 5);
}

interface Held {
  accessToken: string;
  refreshToken: string | undefined;
  /** When to renew before sending, by the source's clock; undefined when the endpoint announced no lifetime. */
  renewAt: number | undefined;
}

/**
 * The tokens of an `.ionapi` file, as OAuth 2.0 client software keeps them: got on first use with the
 * file's grant (password for a service account, client credentials otherwise), renewed before
 * `expires_in` runs out and when the server refuses one, by the refresh-token grant when the endpoint
 * gave a refresh token, by the file's grant when it did not or refuses the refresh token.
 * `const tokens = tokenSource(credentials, { timeoutMs: 10_000 }); await tokens.current()`.
 */
export function tokenSource(credentials: IonApiCredentials, options: TokenSourceOptions): TokenSource {
  const now = options.now ?? Date.now;
  const fixed = credentialValues(credentials);
  const secrets: string[] = [...fixed];
  let held: Held | undefined;
  let inFlight: Promise<Held> | undefined;

  const remember = (...values: (string | undefined)[]) => {
    for (const value of values) if (value && !secrets.includes(value)) secrets.push(value);
    const over = secrets.length - fixed.length - rememberedTokens;
    if (over > 0) secrets.splice(fixed.length, over);
  };
  const request = async (grant: Grant): Promise<Held> => {
    // The lifetime counts from before the request: the endpoint may have issued the token any time since.
    const asked = now();
    const issued: IssuedToken = await requestToken(credentials, grant, options.timeoutMs, secrets, options.fetch);
    remember(issued.accessToken, issued.refreshToken);
    return {
      accessToken: issued.accessToken,
      // An endpoint need not issue a new refresh token (RFC 6749 §6); the old one then stays good.
      refreshToken: issued.refreshToken ?? (grant === 'credentials' ? undefined : grant.refreshToken),
      renewAt: issued.expiresIn === undefined ? undefined : asked + issued.expiresIn * 1000 - marginOf(issued.expiresIn * 1000),
    };
  };
  const obtain = async (): Promise<Held> => {
    const refreshToken = held?.refreshToken;
    if (refreshToken !== undefined) {
      try {
        return await request({ refreshToken });
      } catch (error) {
        // A refresh token refused (expired, revoked, rotated away): the file's grant may still work.
        if (!(error instanceof TokenRefusedError)) throw error;
        held = { ...held!, refreshToken: undefined };
      }
    }
    return request('credentials');
  };
  // Single flight: every caller that finds the token due waits on the one request under way.
  const renewed = (): Promise<Held> => {
    inFlight ??= obtain()
      .then((next) => (held = next))
      .catch((error: unknown) => {
        // The token held is refused or due: the next caller asks the endpoint again rather than send it.
        if (held) held = { ...held, renewAt: Number.NEGATIVE_INFINITY };
        // The run began with accepted credentials: say that they stopped working, not that they never did.
        if (held && error instanceof TokenRefusedError) error.message = `credentials rejected while renewing the token: ${error.message}`;
        throw error;
      })
      .finally(() => (inFlight = undefined));
    return inFlight;
  };

  return {
    secrets,
    async current() {
      if (held && (held.renewAt === undefined || now() < held.renewAt)) return held.accessToken;
      return (await renewed()).accessToken;
    },
    async renew(refused) {
      // Another caller renewed it since `refused` was sent, and it is not due: that one is good.
      const due = held?.renewAt !== undefined && now() >= held.renewAt;
      if (held && held.accessToken !== refused && !inFlight && !due) return { token: held.accessToken, borrowed: true };
      return { token: (await renewed()).accessToken, borrowed: false };
    },
  };
}

/**
 * Sends a request with the source's token, as OAuth 2.0 client software does: a 401 renews the token
 * and sends the request once more (a 401 means the server did nothing, so even an execution is safe
 * to repeat). When that token was borrowed (renewed for another request's refusal) and is refused
 * too, other requests in flight used it up on the way: it is renewed once more and the request sent a
 * last time. A refusal of a token renewed for this request is final. `renewable` is false when the
 * source could not renew (a `--token`): `answer` is then the first refusal.
 * `await sendWithToken(tokens, (token) => fetch(url, { headers: { Authorization: `Bearer ${token}` } }), (r) => r.status === 401)`.
 */
export async function sendWithToken<T>(
  source: TokenSource,
  send: (token: string) => Promise<T>,
  refused: (answer: T) => boolean,
  discard: (answer: T) => Promise<void> = async () => undefined,
): Promise<{ answer: T; renewable: boolean }> {
  let token = await source.current();
  let answer = await send(token);
  for (let renewals = 0; refused(answer); renewals++) {
    const renewal = await source.renew(token);
    if (renewal === undefined) return { answer, renewable: false };
    await discard(answer);
    token = renewal.token;
    answer = await send(token);
    if (!renewal.borrowed || renewals === 1) break;
  }
  return { answer, renewable: true };
}

/** A token given as it is (`--token`): sent as long as the run lasts, never renewed. */
export function staticToken(token: string): TokenSource {
  return { secrets: [token], current: async () => token, renew: async () => undefined };
}

/** The source a command's flags give: the `.ionapi` file's tokens, a static `--token`, or none. */
export function tokenSourceFor(
  credentials: IonApiCredentials | undefined,
  token: string | undefined,
  timeoutMs: number,
): TokenSource | undefined {
  if (credentials) return tokenSource(credentials, { timeoutMs });
  return token === undefined ? undefined : staticToken(token);
}
