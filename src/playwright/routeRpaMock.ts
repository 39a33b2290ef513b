import { handleRequest } from '../core/pipeline';
import { queryOf, type PlainRequest } from '../core/plainRequest';
import { wholeAnswer } from '../core/wholeAnswer';
import type { IonApiFile } from '../gateway/ionApiFile';
import type { UserKey } from '../gateway/users';
import type { MockControl } from '../mock/assembleMock';
import { portableMock, type PortableOptions } from '../mock/portableMock';
import type { VirtualClock } from '../state/clock';

/**
 * What the adapter needs of Playwright's Route and Request: the shapes of `playwright-core` and
 * `@playwright/test` alike, so the adapter depends on neither.
 */
export interface RouteLike {
  request(): {
    method(): string;
    url(): string;
    allHeaders(): Promise<Record<string, string>>;
    postDataBuffer(): Buffer | null;
  };
  fulfill(response: { status: number; headers: Record<string, string>; body?: string }): Promise<void>;
}

/** A Playwright `Page` or `BrowserContext`. */
export interface Routable {
  route(url: (url: URL) => boolean, handler: (route: RouteLike) => Promise<void>): Promise<unknown>;
  unroute(url: (url: URL) => boolean, handler?: (route: RouteLike) => Promise<void>): Promise<unknown>;
}

export interface RouteOptions extends PortableOptions {
  /**
   * Where the app sends its requests, up to /api/v1, such as `https://gw.example.com/ACME/RPA` (a
   * gateway's base) or `http://localhost:5173`; every request under it is answered by the mock, an
   * unknown path with the API's 404.
   */
  baseUrl: string;
}

/** The mock behind a page: its clock and control, the `.ionapi` files of its gateway, and how to take it away. */
export interface RoutedMock extends MockControl {
  clock: VirtualClock;
  /** With `gateway`: the `.ionapi` file of one of its users (`admin` by default), parsed. */
  ionApi(options?: { user?: UserKey; grant?: 'password' | 'client-credentials' }): IonApiFile;
  /** Stops answering: the page's requests go to the network again. */
  unroute(): Promise<void>;
}

/**
 * `rpa-mock/playwright`: answers a page's (or a whole context's) requests to the RPA API from the
 * same core as `rpa-mock serve` and the MSW handlers, byte for byte, without a server or a service
 * worker, across origins. `const rpa = await routeRpaMock(page, { baseUrl: 'https://gw.example.com/ACME/RPA', seed: 7 })`.
 */
export async function routeRpaMock(target: Routable, options: RouteOptions): Promise<RoutedMock> {
  const base = new URL(options.baseUrl.replace(/\/+$/, ''));
  const prefix = base.pathname === '/' ? '' : base.pathname;
  const { clock, control, pipeline, gateway } = portableMock(options, 'routeRpaMock');
  const matches = (url: URL) =>
    url.origin === base.origin && (prefix === '' || url.pathname === prefix || url.pathname.startsWith(`${prefix}/`));
  const handler = async (route: RouteLike) => {
    const outcome = await handleRequest(pipeline, await plainRequestOf(route, prefix));
    const answer = wholeAnswer(outcome);
    const headers = { ...answer.headers, ...(answer.text === undefined ? {} : { 'content-type': answer.contentType }) };
    await route.fulfill({ status: answer.status, headers, body: route.request().method() === 'HEAD' ? undefined : answer.text });
  };
  await target.route(matches, handler);
  return {
    clock,
    ...control,
    ionApi: ({ user, grant } = {}) => {
      if (!gateway) throw new TypeError('routeRpaMock: ionApi() needs the gateway option, such as { gateway: "ACME_TST" }');
      return gateway.ionApi({ origin: base.origin, user, grant });
    },
    unroute: async () => void (await target.unroute(matches, handler)),
  };
}

/** Playwright's request as the pipeline takes it, its path from where the API's paths begin (below `prefix`). */
async function plainRequestOf(route: RouteLike, prefix: string): Promise<PlainRequest> {
  const request = route.request();
  const url = new URL(request.url());
  const query = queryOf(url);
  const headers = await request.allHeaders();
  const body = request.postDataBuffer();
  return {
    method: request.method(),
    path: url.pathname.slice(prefix.length) || '/',
    query,
    headers,
    body: {
      sent: body !== null,
      read: async (limit) =>
        body === null
          ? { kind: 'bytes', bytes: new Uint8Array() }
          : body.length > limit
            ? { kind: 'too-large' }
            : { kind: 'bytes', bytes: new Uint8Array(body) },
    },
  };
}
