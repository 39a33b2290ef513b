import { http, HttpResponse, type HttpHandler } from 'msw';
import { handleRequest } from '../core/pipeline';
import { queryOf, type BodySource, type PlainRequest } from '../core/plainRequest';
import { wholeAnswer } from '../core/wholeAnswer';
import { revokePath, tokenPath, type IonApiFile } from '../gateway/ionApiFile';
import type { UserKey } from '../gateway/users';
import type { MockControl } from '../mock/assembleMock';
import { portableMock, type PortableOptions } from '../mock/portableMock';
import type { VirtualClock } from '../state/clock';

/** What the handlers serve: the options of `rpa-mock serve` that make sense in a test or a browser. */
export interface HandlerOptions extends PortableOptions {
  /** Only requests to this origin (and path prefix) are answered, such as `https://gw.example.com/ACME/RPA`; any by default. */
  baseUrl?: string;
}

/** The handlers, with the state behind them: move the clock, forget the runs started. */
export type RpaHandlers = HttpHandler[] & {
  clock: VirtualClock;
  /**
   * With `gateway`: the `.ionapi` file of one of its users (`admin` by default), parsed, for an app
   * to log in with as it does against the real gateway. `origin` is where the app sends requests
   * (the `baseUrl`'s origin, or the page's).
   */
  ionApi(options?: { user?: UserKey; origin?: string; grant?: 'password' | 'client-credentials' }): IonApiFile;
} & MockControl;

/**
 * MSW 2 handlers for every operation of the spec, answering as `rpa-mock serve` does for the same
 * seed, job count and frozen clock: the same jobs and processes, validation, errors, executions and
 * their runs, Prefer, and a scenario's latency and errors. They import nothing from Node, so they
 * run under `setupServer` (Vitest, Jest) and `setupWorker` (the browser) alike.
 * `setupServer(...createHandlers({ seed: 7, clock: 'frozen' }))`.
 */
export function createHandlers(options: HandlerOptions = {}): RpaHandlers {
  const { clock, control, pipeline, gateway, bundle, settings } = portableMock(options, 'createHandlers');
  const prefix = options.baseUrl?.replace(/\/+$/, '') ?? '*';
  const apiTemplates = [...new Set(bundle.operations.map((operation) => operation.pathTemplate))];
  // Behind a gateway: the API under /<tenant>/RPA (and at its plain paths unless turned off), its token endpoints beside it.
  const templates = settings.gateway
    ? [
        ...(settings.plainPaths ? apiTemplates : []),
        ...apiTemplates.map((template) => `/${settings.gateway}/RPA${template}`),
        `/${settings.gateway}/as/${tokenPath}`,
        `/${settings.gateway}/as/${revokePath}`,
      ]
    : apiTemplates;
  const answering = (template: string, path: string) =>
    // One handler per path: the pipeline answers every method, a 405 naming the allowed ones included.
    http.all(`${prefix}${path}`, async ({ request }) => {
      const outcome = await handleRequest(pipeline, plainRequestOf(request, template));
      const answer = wholeAnswer(outcome);
      const headers = { ...answer.headers, ...(answer.text === undefined ? {} : { 'Content-Type': answer.contentType }) };
      return new HttpResponse(request.method === 'HEAD' ? null : (answer.text ?? null), { status: answer.status, headers });
    });
  // Last, a path under the API's that no operation has: the API's 404, as serve answers it, not the network.
  const root = commonRoot(apiTemplates);
  const roots = settings.gateway ? [...(settings.plainPaths ? [root] : []), `/${settings.gateway}/RPA${root}`] : [root];
  const handlers = [
    ...templates.map((template) => answering(template, template.replace(/\{([^}]+)\}/g, ':$1'))),
    ...roots.map((under) => answering(under, `${under}*`)),
  ];
  const ionApi = ({ user, origin, grant }: Parameters<RpaHandlers['ionApi']>[0] = {}): IonApiFile => {
    if (!gateway) throw new TypeError('createHandlers: ionApi() needs the gateway option, such as { gateway: "ACME_TST" }');
    const at =
      origin ?? (options.baseUrl ? new URL(options.baseUrl).origin : (globalThis as { location?: { origin: string } }).location?.origin);
    if (!at) throw new TypeError('createHandlers: ionApi() needs an origin, such as { origin: "https://gw.example.com" }');
    return gateway.ionApi({ origin: at, user, grant });
  };
  return Object.assign(handlers, { clock, ionApi, ...control });
}

/** The path all the API's paths begin with, up to a slash: `/api/v1/rpa/`. */
function commonRoot(templates: readonly string[]): string {
  let root = templates[0] ?? '/';
  for (const template of templates) while (!template.startsWith(root)) root = root.slice(0, -1);
  return root.slice(0, root.lastIndexOf('/') + 1) || '/';
}

/** The fetch Request as the pipeline takes it; the path from where the API's paths begin. */
function plainRequestOf(request: Request, template: string): PlainRequest {
  const url = new URL(request.url);
  const root = `/${template.split('/')[1]}/`;
  const at = url.pathname.indexOf(root);
  const query = queryOf(url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
  return { method: request.method, path: at >= 0 ? url.pathname.slice(at) : url.pathname, query, headers, body: bodyOf(request) };
}

function bodyOf(request: Request): BodySource {
  return {
    sent: request.body !== null,
    read: async (limit) => {
      const declared = Number(request.headers.get('content-length') ?? 0);
      if (declared > limit) return { kind: 'too-large' };
      try {
        const bytes = new Uint8Array(await request.arrayBuffer());
        return bytes.byteLength > limit ? { kind: 'too-large' } : { kind: 'bytes', bytes };
      } catch (error) {
        return { kind: 'unreadable', reason: (error as Error).message };
      }
    },
  };
}
