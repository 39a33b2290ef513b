import type { Caller, EngineAnswer } from '../core/engine';
import type { Authorize, Gateway } from '../core/pipeline';
import { headerOf, type PlainRequest } from '../core/plainRequest';
import type { Person } from '../data/world';
import { createProblem } from '../errors/problem';
import { AuthServer, type OAuthAnswer } from './authServer';
import { ionApiFileOf, revokePath, tokenPath, type IonApiFile } from './ionApiFile';
import { gatewayUsers, roleOfUser, type GatewayUser, type UserKey } from './users';

/** How the mock stands in for the ION API gateway (serve --gateway). */
export interface GatewaySettings {
  /** The tenant (`ti`): the API is served under `/<tenant>/RPA`, the authorization server under `/<tenant>/as/`. */
  tenant: string;
  /** Seconds an access token is valid. */
  tokenLifetime: number;
  /** Whether the API is also served at its plain paths (`/api/v1/…`), as without a gateway. */
  plainPaths: boolean;
  seed: number;
  /** The people of the seed's world: the users are among them. */
  people: readonly Person[];
  /** The time in epoch ms, for token lifetimes; real time by default. */
  now?: () => number;
}

/** The gateway of a mock: its paths and authorization server for the pipeline, and the users it knows. */
export interface MockGateway {
  gateway: Gateway;
  authorize: Authorize;
  authServer: AuthServer;
  users: GatewayUser[];
  /**
   * The `.ionapi` file of one of the users (`admin` by default), parsed, as the gateway's Authorized
   * Apps page gives it: `origin` is where the app reaches the mock.
   */
  ionApi(options: { origin: string; user?: UserKey; grant?: 'password' | 'client-credentials' }): IonApiFile;
}

/** A token or revocation request's body is a short form: anything longer is not one. */
const formLimit = 16 * 1024;

/**
 * The ION API gateway in front of the mock's API, as a real client meets it: the API under
 * `/<tenant>/RPA`, OAuth 2.0 tokens from `/<tenant>/as/token.oauth2` that expire, and each token a
 * user of the tenant with an RPA role, which decides what they may do (the spec's `x-rpa-roles`).
 */
export function createGateway(settings: GatewaySettings): MockGateway {
  const { tenant } = settings;
  const users = gatewayUsers(settings.seed, tenant, settings.people);
  const authServer = new AuthServer(users, { tenant, lifetimeSeconds: settings.tokenLifetime, now: settings.now });
  const prefix = `/${tenant}/RPA`;
  const asPrefix = `/${tenant}/as/`;
  const gateway: Gateway = {
    apiPath: (path) => (path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : settings.plainPaths ? path : undefined),
    answer: (req) => {
      if (!req.path.startsWith(asPrefix)) return undefined;
      const endpoint = req.path.slice(asPrefix.length);
      if (endpoint !== tokenPath && endpoint !== revokePath) return undefined;
      return authServerAnswer(authServer, endpoint, req);
    },
  };
  const authorize: Authorize = (authorization, operation) => {
    const found = authServer.authenticate(authorization);
    if ('refused' in found) return { refusal: unauthorized(tenant, found.refused) };
    const { person } = found.user;
    if (operation.roles && !operation.roles.includes(person.rpa_role)) {
      const detail = `${operation.operationId} needs the role ${operation.roles.join(' or ')}; ${person.display_name} holds ${person.rpa_role}.`;
      return { refusal: { status: 403, body: createProblem('forbidden', detail) } };
    }
    return { caller: callerOf(found.user) };
  };
  const ionApi: MockGateway['ionApi'] = ({ origin, user = 'admin', grant }) => {
    const found = users.find((candidate) => candidate.key === user);
    if (!found) throw new TypeError(`no user '${String(user)}': the gateway's users are ${users.map((u) => u.key).join(', ')}`);
    return ionApiFileOf(found, tenant, origin, grant);
  };
  return { gateway, authorize, authServer, users, ionApi };
}

/** The user as a run's `job_context` names them. */
export function callerOf(user: GatewayUser): Caller {
  const { person } = user;
  return { user_identifier: person.id, user_name: person.display_name, user_details: { ...person, rpa_role: roleOfUser[user.key] } };
}

async function authServerAnswer(authServer: AuthServer, endpoint: string, req: PlainRequest): Promise<EngineAnswer> {
  if (req.method !== 'POST') {
    const answer = toEngineAnswer({
      status: 405,
      body: { error: 'invalid_request', error_description: `${endpoint} takes POST` },
      headers: { Allow: 'POST' },
    });
    return answer;
  }
  const read = await req.body.read(formLimit);
  if (read.kind !== 'bytes')
    return toEngineAnswer({
      status: read.kind === 'too-large' ? 413 : 400,
      body: {
        error: 'invalid_request',
        error_description: read.kind === 'too-large' ? 'the form is too large' : 'the form cannot be read',
      },
      headers: {},
    });
  const text = new TextDecoder().decode(read.bytes);
  const contentType = headerOf(req, 'content-type');
  const authorization = headerOf(req, 'authorization');
  return toEngineAnswer(
    endpoint === tokenPath ? authServer.token(contentType, text, authorization) : authServer.revoke(contentType, text, authorization),
  );
}

/** The authorization server's answers are OAuth 2.0's, not the API's: not checked against its spec. */
function toEngineAnswer(answer: OAuthAnswer): EngineAnswer {
  return { status: answer.status, body: answer.body, headers: answer.headers, contentType: 'application/json', unchecked: true };
}

/** 401 as RFC 6750 §3 says: no error code when no token was sent, `invalid_token` when it was but is not valid. */
function unauthorized(tenant: string, refused: 'missing' | 'invalid' | 'expired'): EngineAnswer {
  const detail = {
    missing: `Send a bearer token from the gateway's token endpoint (/${tenant}/as/${tokenPath}): Authorization: Bearer <token>.`,
    invalid: 'The bearer token is not one the gateway issued, or it was revoked: get a new one.',
    expired: 'The bearer token has expired: get a new one (refresh it).',
  }[refused];
  const challenge =
    refused === 'missing'
      ? `Bearer realm="${tenant}"`
      : `Bearer realm="${tenant}", error="invalid_token", error_description="${refused === 'expired' ? 'The access token expired' : 'The access token is invalid'}"`;
  return { status: 401, body: createProblem('unauthorized', detail), headers: { 'WWW-Authenticate': challenge } };
}
