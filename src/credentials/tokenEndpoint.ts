import { IonApiError, type IonApiCredentials } from './ionApiCredentials';
import { maskSecrets } from './maskSecrets';

/** What a token endpoint issued (RFC 6749 §5.1). */
export interface IssuedToken {
  accessToken: string;
  /** The lifetime in seconds the endpoint announced; undefined when it announced none. */
  expiresIn: number | undefined;
  refreshToken: string | undefined;
}

/** The token endpoint answered, and refused the grant (a 4xx or 5xx): not a network failure. */
export class TokenRefusedError extends IonApiError {
  constructor(
    readonly url: string,
    /** The status and the endpoint's reason, masked: `401, invalid_client`. */
    readonly refusal: string,
  ) {
    super(`the token endpoint ${url} refused the credentials (${refusal})`);
  }
}

/**
 * The file's own grant: the password grant for a service account (`saak`/`sask`), client
 * credentials otherwise. `{ refreshToken }`: the refresh-token grant (RFC 6749 §6).
 */
export type Grant = 'credentials' | { refreshToken: string };

/**
 * Asks the file's OAuth2 token endpoint (`pu` + `ot`) for a token. Every message is masked with
 * `secrets` (the credentials and the tokens issued so far): some endpoints echo what they were
 * sent, a secret or a refresh token, in their `error_description`.
 */
export async function requestToken(
  credentials: IonApiCredentials,
  grant: Grant,
  timeoutMs: number,
  secrets: readonly string[] = credentialValues(credentials),
  send: typeof fetch = (input, init) => fetch(input, init),
): Promise<IssuedToken> {
  const url = `${credentials.pu}${credentials.ot}`;
  let response: Response;
  try {
    response = await send(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ ...grantFields(credentials, grant), client_id: credentials.ci, client_secret: credentials.cs }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new IonApiError(`the token endpoint ${url} cannot be reached (${cause})`);
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Reported below by status or by the missing token.
  }
  if (!response.ok) {
    const reason = maskSecrets([body.error, body.error_description].filter((part) => typeof part === 'string').join(': '), secrets);
    throw new TokenRefusedError(url, `${response.status}${reason ? `, ${reason}` : ''}`);
  }
  if (typeof body.access_token !== 'string' || body.access_token === '')
    throw new IonApiError(`the token endpoint ${url} answered without an access_token`);
  return {
    accessToken: body.access_token,
    expiresIn: lifetimeOf(body.expires_in),
    refreshToken: typeof body.refresh_token === 'string' && body.refresh_token !== '' ? body.refresh_token : undefined,
  };
}

/**
 * Gets a bearer token from the file's OAuth2 token endpoint (`pu` + `ot`): the password grant for a
 * service account (`saak`/`sask`), client credentials otherwise. One token, never renewed: a run
 * that outlives it wants a `tokenSource`.
 */
export async function fetchToken(credentials: IonApiCredentials, timeoutMs: number): Promise<string> {
  return (await requestToken(credentials, 'credentials', timeoutMs)).accessToken;
}

/** The values of a credentials file that must never be printed. */
export function credentialValues(credentials: IonApiCredentials): string[] {
  return [credentials.ci, credentials.cs, credentials.saak, credentials.sask].filter((value): value is string => !!value);
}

function grantFields(credentials: IonApiCredentials, grant: Grant): Record<string, string> {
  if (grant !== 'credentials') return { grant_type: 'refresh_token', refresh_token: grant.refreshToken };
  return credentials.saak && credentials.sask
    ? { grant_type: 'password', username: credentials.saak, password: credentials.sask }
    : { grant_type: 'client_credentials' };
}

/** `expires_in` in seconds, a number or (as some endpoints send it) a numeric string; anything else: unknown. */
function lifetimeOf(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}
