import { mediaTypeOf } from '../text/mediaType';
import { sameText } from '../text/sameText';
import type { GatewayUser } from './users';

/** An answer of the authorization server: an OAuth 2.0 JSON body (RFC 6749 §5), or none. */
export interface OAuthAnswer {
  status: number;
  body: Record<string, unknown> | undefined;
  headers: Record<string, string>;
}

export interface AuthServerOptions {
  /** The tenant, for the realm of `WWW-Authenticate`. */
  tenant: string;
  /** Seconds an access token is valid, as the tenant admin sets it. */
  lifetimeSeconds: number;
  /** Seconds a refresh token is valid; it is rotated at each use. */
  refreshLifetimeSeconds?: number;
  /** The time in epoch ms; real time by default (a token expires by the wall clock, whatever the mock's clock says). */
  now?: () => number;
  /** Tokens held at once, access and refresh each; past it, expired ones go first, then the oldest. */
  capacity?: number;
}

interface AccessGrant {
  user: GatewayUser;
  expiresAt: number;
  /** The refresh token issued with it: revoking that one revokes this one too. */
  refreshToken: string | undefined;
}

interface RefreshGrant {
  user: GatewayUser;
  clientId: string;
  expiresAt: number;
}

/** Who an access token stands for, or why it stands for no one. */
export type Authentication = { user: GatewayUser } | { refused: 'missing' | 'invalid' | 'expired' };

/** A day: refresh tokens outlive the access tokens they renew, as a working day of an app needs. */
const defaultRefreshLifetime = 24 * 60 * 60;

const formType = 'application/x-www-form-urlencoded';

/**
 * The OAuth 2.0 authorization server of the mock's gateway (`/<TENANT>/as/`): the token endpoint
 * (RFC 6749: the password, client-credentials and refresh-token grants, the client authenticated
 * by HTTP Basic or in the form body) and the revocation endpoint (RFC 7009). Tokens are random,
 * held in memory and bounded in number; nothing here logs or returns a secret it was sent.
 */
export class AuthServer {
  private readonly access = new Map<string, AccessGrant>();
  private readonly refresh = new Map<string, RefreshGrant>();
  private readonly byClientId: Map<string, GatewayUser>;
  private readonly now: () => number;
  private readonly capacity: number;

  constructor(
    readonly users: readonly GatewayUser[],
    private readonly options: AuthServerOptions,
  ) {
    this.byClientId = new Map(users.map((user) => [user.clientId, user]));
    this.now = options.now ?? Date.now;
    this.capacity = options.capacity ?? 10_000;
  }

  /** POST token.oauth2 with a form body. */
  token(contentType: string | undefined, body: string, authorization: string | undefined): OAuthAnswer {
    const client = this.request(contentType, body, authorization, 'the grant');
    if ('answer' in client) return client.answer;
    const { form } = client;
    const grant = form.get('grant_type');
    if (!grant) return oauthError(400, 'invalid_request', 'grant_type is missing');
    switch (grant) {
      case 'client_credentials':
        return this.issue(client.user, client.user.clientId, false);
      case 'password': {
        const username = form.get('username');
        const password = form.get('password');
        if (!username || !password) return oauthError(400, 'invalid_request', 'the password grant needs username and password');
        // The service account of this app, and only its own.
        if (!sameText(username, client.user.serviceAccountKey) || !sameText(password, client.user.serviceAccountSecret))
          return oauthError(400, 'invalid_grant', 'the username or password is not that of a service account of this client');
        return this.issue(client.user, client.user.clientId, true);
      }
      case 'refresh_token': {
        const token = form.get('refresh_token');
        if (!token) return oauthError(400, 'invalid_request', 'refresh_token is missing');
        const held = this.refresh.get(token);
        if (!held || held.clientId !== client.user.clientId || held.expiresAt <= this.now())
          return oauthError(400, 'invalid_grant', 'the refresh token is unknown, expired, revoked or already used');
        // Rotated: a refresh token serves once, so a stolen one that is used is found out.
        this.refresh.delete(token);
        return this.issue(held.user, held.clientId, true);
      }
      default:
        return oauthError(400, 'unsupported_grant_type', 'this server takes password, client_credentials and refresh_token');
    }
  }

  /** POST revoke_token.oauth2 (RFC 7009): 200 for a token revoked or unknown alike, and the same if it is another client's. */
  revoke(contentType: string | undefined, body: string, authorization: string | undefined): OAuthAnswer {
    const client = this.request(contentType, body, authorization, 'the token');
    if ('answer' in client) return client.answer;
    const token = client.form.get('token');
    if (!token) return oauthError(400, 'invalid_request', 'token is missing');
    const refresh = this.refresh.get(token);
    if (refresh && refresh.clientId === client.user.clientId) {
      this.refresh.delete(token);
      // The access tokens issued with it go too: the app has logged out.
      for (const [access, grant] of this.access) if (grant.refreshToken === token) this.access.delete(access);
    }
    const access = this.access.get(token);
    if (access && access.user.clientId === client.user.clientId) this.access.delete(token);
    // The body is ignored (RFC 7009 §2.2), but clients that read every answer as JSON want one.
    return { status: 200, body: {}, headers: noStore };
  }

  /** Who the bearer token of an `Authorization` header stands for. */
  authenticate(authorization: string | undefined): Authentication {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return { refused: 'missing' };
    const grant = this.access.get(match[1]!);
    if (!grant) return { refused: 'invalid' };
    if (grant.expiresAt <= this.now()) {
      this.access.delete(match[1]!);
      return { refused: 'expired' };
    }
    return { user: grant.user };
  }

  /** Forgets every token issued: every app logs in again. */
  reset(): void {
    this.access.clear();
    this.refresh.clear();
  }

  /** A request to either endpoint: its form, and the client it authenticates as; or the answer that refuses it. */
  private request(
    contentType: string | undefined,
    body: string,
    authorization: string | undefined,
    what: string,
  ): { form: URLSearchParams; user: GatewayUser } | { answer: OAuthAnswer } {
    const form = formOf(contentType, body);
    if (!form) return { answer: oauthError(400, 'invalid_request', `send ${what} as ${formType}`) };
    const client = this.client(form, authorization);
    return 'answer' in client ? client : { form, user: client.user };
  }

  /** The client the request authenticates as, by HTTP Basic or by the form's client_id and client_secret. */
  private client(form: URLSearchParams, authorization: string | undefined): { user: GatewayUser } | { answer: OAuthAnswer } {
    const basic = basicCredentials(authorization);
    const inForm = form.has('client_id') || form.has('client_secret');
    if (basic === 'malformed') return { answer: this.invalidClient('the Basic credentials cannot be read') };
    if (basic && inForm)
      return { answer: oauthError(400, 'invalid_request', 'authenticate the client one way: Basic or the form, not both') };
    const id = basic ? basic.id : form.get('client_id');
    const secret = basic ? basic.secret : form.get('client_secret');
    if (!id) return { answer: this.invalidClient('the client is not authenticated: send client_id and client_secret') };
    if (!secret) return { answer: this.invalidClient('the client secret is missing') };
    const user = this.byClientId.get(id);
    if (!user || !sameText(secret, user.clientSecret)) return { answer: this.invalidClient('the client id or secret is wrong') };
    return { user };
  }

  private invalidClient(description: string): OAuthAnswer {
    const answer = oauthError(401, 'invalid_client', description);
    return { ...answer, headers: { ...answer.headers, 'WWW-Authenticate': `Basic realm="${this.options.tenant}"` } };
  }

  private issue(user: GatewayUser, clientId: string, withRefresh: boolean): OAuthAnswer {
    const now = this.now();
    const refreshToken = withRefresh ? randomToken() : undefined;
    const accessToken = randomToken();
    this.access.set(accessToken, { user, expiresAt: now + this.options.lifetimeSeconds * 1000, refreshToken });
    if (refreshToken)
      this.refresh.set(refreshToken, {
        user,
        clientId,
        expiresAt: now + (this.options.refreshLifetimeSeconds ?? defaultRefreshLifetime) * 1000,
      });
    bound(this.access, this.capacity, now);
    bound(this.refresh, this.capacity, now);
    const body: Record<string, unknown> = { access_token: accessToken, token_type: 'Bearer', expires_in: this.options.lifetimeSeconds };
    if (refreshToken) body.refresh_token = refreshToken;
    return { status: 200, body, headers: noStore };
  }
}

/** Token answers are never cached (RFC 6749 §5.1). */
const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function oauthError(status: number, error: string, description: string): OAuthAnswer {
  return { status, body: { error, error_description: description }, headers: noStore };
}

/** The form of a request sent as `application/x-www-form-urlencoded`; undefined for another media type. */
function formOf(contentType: string | undefined, body: string): URLSearchParams | undefined {
  if (contentType === undefined || mediaTypeOf(contentType) !== formType) return undefined;
  return new URLSearchParams(body);
}

/** The client id and secret of an `Authorization: Basic` header, each form-urlencoded as RFC 6749 §2.3.1 says. */
function basicCredentials(authorization: string | undefined): { id: string; secret: string } | 'malformed' | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return undefined;
  try {
    const decoded = atob(match[1]!);
    const colon = decoded.indexOf(':');
    if (colon < 0) return 'malformed';
    const part = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
    return { id: part(decoded.slice(0, colon)), secret: part(decoded.slice(colon + 1)) };
  } catch {
    return 'malformed';
  }
}

/** 32 random bytes, base64url: a token nobody can guess. */
function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Keeps a map of tokens within its capacity: expired ones go first, then the oldest. */
function bound(tokens: Map<string, { expiresAt: number }>, capacity: number, now: number): void {
  if (tokens.size <= capacity) return;
  for (const [token, grant] of tokens) if (grant.expiresAt <= now) tokens.delete(token);
  for (const token of tokens.keys()) {
    if (tokens.size <= capacity) break;
    tokens.delete(token);
  }
}
