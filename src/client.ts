import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import { baseUrlOf, checkIonApi } from './credentials/ionApiCredentials';
import { tokenSource, type TokenSource } from './credentials/tokenSource';
import type { paths } from './spec/openapi.gen';

export interface RpaClientOptions extends ClientOptions {
  /** A bearer token, sent as `Authorization: Bearer <token>` (the mock's `--auth-token`, or a tenant's). */
  token?: string;
  /**
   * A parsed `.ionapi` file (a tenant's, or `rpa-mock ionapi`'s for the mock's gateway): the client
   * logs in at its token endpoint (the password grant for a service account, client credentials
   * otherwise), renews the token before it expires (by its refresh token when it has one) and once
   * when the API answers 401. `baseUrl` defaults to the file's `iu/ti/RPA`.
   */
  ionApi?: object;
  /** With `ionApi`, the time-out of a request to the token endpoint, in ms. */
  tokenTimeoutMs?: number;
}

/**
 * `rpa-mock/client`: a typed client of the RPA Jobs API (openapi-fetch over the spec's types), for
 * the mock or a tenant alike. Paths, parameters and answers are checked by the compiler:
 * `const { data } = await createRpaClient({ baseUrl }).GET('/api/v1/rpa/jobs', { params: { query: { environment: 'default' } } })`.
 * Logging in as an app does: `createRpaClient({ ionApi: JSON.parse(await readFile('dev.ionapi', 'utf8')) })`.
 */
export function createRpaClient({ token, ionApi, tokenTimeoutMs = 30_000, ...options }: RpaClientOptions = {}): Client<paths> {
  if (token !== undefined && ionApi !== undefined) throw new TypeError('createRpaClient: give token or ionApi, not both');
  const credentials = ionApi === undefined ? undefined : checkIonApi(ionApi, 'createRpaClient: ionApi');
  // The fetch of the time of the request, not of the client's creation: a test's MSW patches it later.
  const send = (request: Request) => (options.fetch ?? globalThis.fetch)(request);
  const client = createClient<paths>({
    ...options,
    baseUrl: options.baseUrl ?? (credentials ? baseUrlOf(credentials) : undefined),
    fetch: send,
  });
  if (token !== undefined) {
    client.use({
      onRequest({ request }) {
        request.headers.set('Authorization', `Bearer ${token}`);
        return request;
      },
    });
  }
  const ask: typeof fetch = (input, init) => send(new Request(input, init));
  if (credentials) client.use(loggedIn(tokenSource(credentials, { timeoutMs: tokenTimeoutMs, fetch: ask }), send));
  return client;
}

/** The middleware of a client that logs in: each request with the current token, one 401 answered by a new one. */
function loggedIn(tokens: TokenSource, send: (request: Request) => Promise<Response>): Parameters<Client<paths>['use']>[0] {
  // The request as it was, before its body was sent, to send again with a new token.
  const copies = new WeakMap<Request, { copy: Request; token: string }>();
  return {
    async onRequest({ request }) {
      const token = await tokens.current();
      request.headers.set('Authorization', `Bearer ${token}`);
      copies.set(request, { copy: request.clone(), token });
      return request;
    },
    async onResponse({ request, response }) {
      const sent = copies.get(request);
      if (response.status !== 401 || !sent) return response;
      const renewal = await tokens.renew(sent.token);
      if (!renewal) return response;
      await response.body?.cancel();
      sent.copy.headers.set('Authorization', `Bearer ${renewal.token}`);
      return send(sent.copy);
    },
  };
}
