import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { close, createMock, listen, type MockOptions } from '../../src';

export interface GatewayOptions {
  /** API requests a token is accepted for; then it is refused as expired, however long it announced it would last. */
  requestsPerToken?: number;
  /** The lifetime announced in `expires_in`, in seconds, and enforced by the gateway's clock; none when absent. */
  expiresIn?: number;
  /**
   * Milliseconds the gateway's clock moves on each API request: time passes as requests are made,
   * with no test sleeping. Without it the gateway keeps real time.
   */
  msPerRequest?: number;
  /** Whether the token endpoint issues refresh tokens (rotated on each use). */
  refreshTokens?: boolean;
  /** After this many tokens the tenant admin withdraws the app: every grant is refused. */
  revokeAfterTokens?: number;
  /** Each job fetched by id shows the bearer token it was asked with, as a debugging tenant might: masking is put to the test. */
  echoToken?: boolean;
  mock?: Partial<MockOptions>;
  /**
   * What the gateway fronts, started with the token it passes on (such as a drifting mock with that
   * `authToken`); the real mock with `mock`'s options when absent.
   */
  upstream?: (innerToken: string) => Promise<Upstream>;
}

interface Upstream {
  url: string;
  close(): Promise<void>;
}

interface Issued {
  expiresAt: number;
  uses: number;
}

const tenant = 'ACME';
const tokenPath = `/${tenant}/as/token.oauth2`;
const apiPrefix = `/${tenant}/RPA`;

/**
 * An ION API gateway in front of the real mock (or of `upstream`), on 127.0.0.1: an OAuth2 token endpoint
 * (`/ACME/as/token.oauth2`: password, client-credentials and refresh-token grants, the client as
 * HTTP Basic or in the form) and the tenant's API under `/ACME/RPA`, where a bearer token is
 * accepted until its lifetime ends (by requests or by the gateway's clock) and then answered with
 * 401 `WWW-Authenticate: Bearer error="invalid_token"`. Its credentials are generated per gateway.
 */
export async function startGatewayStandIn(options: GatewayOptions = {}) {
  // The mock knows one token of the gateway's own: the gateway checks the tenant's and passes that on.
  const innerToken = secret('inner');
  const upstream = await (options.upstream ?? ((authToken) => startMock({ ...options.mock, authToken })))(innerToken);
  const credentials = { ci: `${tenant}~${secret('ci')}`, cs: secret('cs'), saak: `${tenant}#${secret('saak')}`, sask: secret('sask') };
  const tokens = new Map<string, Issued>();
  const refreshTokens = new Set<string>();
  let virtualNow = 0;
  const now = () => (options.msPerRequest === undefined ? Date.now() : virtualNow);
  const seen = { issued: [] as string[], grants: [] as string[], expiredRefusals: 0, apiRequests: 0 };
  let refusing = false;

  const issue = (): Record<string, unknown> => {
    const accessToken = secret('access');
    tokens.set(accessToken, { expiresAt: options.expiresIn === undefined ? Infinity : now() + options.expiresIn * 1000, uses: 0 });
    seen.issued.push(accessToken);
    const answer: Record<string, unknown> = { access_token: accessToken, token_type: 'Bearer' };
    if (options.expiresIn !== undefined) answer.expires_in = options.expiresIn;
    if (options.refreshTokens) {
      const refreshToken = secret('refresh');
      refreshTokens.add(refreshToken);
      seen.issued.push(refreshToken);
      answer.refresh_token = refreshToken;
    }
    return answer;
  };

  const tokenEndpoint = (req: IncomingMessage, text: string): [number, Record<string, unknown>] => {
    const form = new URLSearchParams(text);
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const [id, password] = basic
      ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
      : [form.get('client_id'), form.get('client_secret')];
    const grant = form.get('grant_type') ?? '';
    seen.grants.push(grant);
    const revoked = refusing || tokens.size >= (options.revokeAfterTokens ?? Infinity);
    if (id !== credentials.ci || password !== credentials.cs || revoked) return [401, { error: 'invalid_client' }];
    if (grant === 'password' && form.get('username') === credentials.saak && form.get('password') === credentials.sask)
      return [200, issue()];
    if (grant === 'client_credentials') return [200, issue()];
    if (grant === 'refresh_token' && refreshTokens.delete(form.get('refresh_token') ?? '')) return [200, issue()];
    return [400, { error: 'invalid_grant' }];
  };

  /** The token's verdict: the inner token to pass on, or why it is refused. */
  const admit = (authorization: string | undefined): string | 'missing' | 'invalid' => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (token === undefined) return 'missing';
    const held = tokens.get(token);
    if (!held) return 'invalid';
    held.uses += 1;
    const expired = held.uses > (options.requestsPerToken ?? Infinity) || now() >= held.expiresAt;
    if (expired) seen.expiredRefusals += 1;
    return expired ? 'invalid' : innerToken;
  };

  const api = async (req: IncomingMessage, body: Buffer, res: ServerResponse) => {
    seen.apiRequests += 1;
    virtualNow += options.msPerRequest ?? 0;
    const verdict = admit(req.headers.authorization);
    // The prefix it strips, as reverse proxies tell the upstream: a tenant's links then carry it.
    const headers: Record<string, string> = { 'x-forwarded-prefix': apiPrefix };
    for (const name of ['content-type', 'accept']) if (typeof req.headers[name] === 'string') headers[name] = req.headers[name];
    // A refused token reaches the mock as none, so the 401 has the mock's (the spec's) body.
    if (verdict !== 'missing' && verdict !== 'invalid') headers.authorization = `Bearer ${verdict}`;
    const answer = await pass(`${upstream.url}${req.url!.slice(apiPrefix.length)}`, req.method!, headers, body);
    const out = passedOn(answer.headers);
    if (answer.statusCode === 401) out['www-authenticate'] = verdict === 'invalid' ? 'Bearer error="invalid_token"' : 'Bearer';
    if (options.echoToken && answer.statusCode === 200 && /\/jobs\/[^/?]+$/.test(req.url!)) {
      // The real mock sends its bytes as they are (no content coding): the body is its text.
      const chunks: Buffer[] = [];
      for await (const chunk of answer) chunks.push(chunk as Buffer);
      const text = JSON.stringify({
        ...(JSON.parse(Buffer.concat(chunks).toString()) as object),
        job_name: { token: req.headers.authorization },
      });
      res.writeHead(200, { ...out, 'content-length': String(Buffer.byteLength(text)) }).end(text);
      return;
    }
    // The bytes as the upstream sent them: encoded, chunked, with their Link or Retry-After, as a gateway passes them on.
    res.writeHead(answer.statusCode!, out);
    answer.on('error', () => res.destroy()).pipe(res);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && req.url === tokenPath) {
        const [status, answer] = tokenEndpoint(req, body.toString());
        res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(answer));
      } else if (req.url?.startsWith(`${apiPrefix}/`)) {
        api(req, body, res).catch((error: Error) => res.writeHead(599).end(error.message));
      } else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    /** The tenant's API base, as `iu` + `/` + `ti` + `/RPA` gives it. */
    baseUrl: `${url}${apiPrefix}`,
    /** The gateway's clock, for a token source to share. */
    now,
    /** What the gateway did: every token it issued (access and refresh), the grants asked, the requests refused as expired. */
    seen,
    /** Every value that must never be printed: the credentials and the tokens issued so far. */
    secrets: () => [...Object.values(credentials), ...seen.issued],
    /** Whether the token endpoint refuses every grant from now on, as when the app is withdrawn. */
    refuseCredentials: (on: boolean) => void (refusing = on),
    /** A token issued as to a user who pastes it into `--token`. */
    issueToken: () => issue().access_token as string,
    /** Writes an `.ionapi` file for this gateway into `dir`; without a service account the client-credentials grant applies. */
    writeIonApi(dir: string, serviceAccount = true): string {
      const file = path.join(dir, `${tenant}-${randomBytes(4).toString('hex')}.ionapi`);
      const keys = { ti: tenant, cn: 'rpa-mock tests', ci: credentials.ci, cs: credentials.cs, iu: url, pu: `${url}/${tenant}/as/` };
      const account = serviceAccount ? { saak: credentials.saak, sask: credentials.sask } : {};
      writeFileSync(
        file,
        JSON.stringify({ ...keys, oa: 'authorization.oauth2', ot: 'token.oauth2', or: 'revoke_token.oauth2', ...account, v: '1.0' }),
      );
      return file;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await upstream.close();
    },
  };
}

/** The real mock, on its own port. */
async function startMock(options: Partial<MockOptions>): Promise<Upstream> {
  const mock = await createMock({ log: 'silent', jobs: 20, ...options });
  const server = await listen(mock.app, '127.0.0.1', 0);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => close(server) };
}

/**
 * One request to the upstream, its answer unread. Not fetch: fetch would undo a content coding and
 * lose the framing, which the gateway must pass on as they are.
 */
function pass(url: string, method: string, headers: Record<string, string>, body: Buffer): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers: body.length > 0 ? { ...headers, 'content-length': String(body.length) } : headers });
    outgoing
      .on('response', resolve)
      .on('error', reject)
      .end(body.length > 0 ? body : undefined);
  });
}

/** The upstream's headers but those of one hop (RFC 9110 §7.6.1): Node frames the answer on its own. */
function passedOn(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection']);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !hopByHop.has(name)) out[name] = value;
  return out;
}

/** A value no test knows in advance, long enough to be masked wherever it appears. */
function secret(kind: string): string {
  return `${kind}-${randomBytes(12).toString('base64url')}`;
}
