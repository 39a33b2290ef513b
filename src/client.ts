import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths } from './spec/openapi.gen';

export interface RpaClientOptions extends ClientOptions {
  /** A bearer token, sent as `Authorization: Bearer <token>` (the mock's `--auth-token`, or a tenant's). */
  token?: string;
}

/**
 * `rpa-mock/client`: a typed client of the RPA Jobs API (openapi-fetch over the spec's types), for
 * the mock or a tenant alike. Paths, parameters and answers are checked by the compiler:
 * `const { data } = await createRpaClient({ baseUrl }).GET('/api/v1/rpa/jobs', { params: { query: { environment: 'default' } } })`.
 */
export function createRpaClient({ token, ...options }: RpaClientOptions = {}): Client<paths> {
  const client = createClient<paths>(options);
  if (token !== undefined) {
    client.use({
      onRequest({ request }) {
        request.headers.set('Authorization', `Bearer ${token}`);
        return request;
      },
    });
  }
  return client;
}
