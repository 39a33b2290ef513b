import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { setupServer } from 'msw/node';
import { Issuer } from 'openid-client';
import { ClientCredentials, ResourceOwnerPassword } from 'simple-oauth2';
import { createMock, type Mock } from '../src';
import { createRpaClient } from '../src/client';
import type { IonApiFile } from '../src/gateway/ionApiFile';
import { createHandlers } from '../src/msw';
import { passwordToken } from './support/gatewayLogin';

const tenant = 'ACME_TST';
const bin = path.resolve(__dirname, '../dist/cli/main.js');
const dir = mkdtempSync(path.join(tmpdir(), 'rpa-gateway-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A mock in gateway mode on a real port (the OAuth libraries speak HTTP), its log kept. */
async function startGateway(options: { tokenLifetime?: number; plainPaths?: boolean } = {}) {
  const log = new PassThrough();
  let logged = '';
  log.on('data', (chunk: Buffer) => (logged += chunk.toString()));
  const mock = await createMock({ gateway: tenant, strict: true, log: 'json', ...options }, { logStream: log });
  const server = mock.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise((resolve) => server.close(resolve));
  return { mock, origin, api: `${origin}/${tenant}/RPA/api/v1/rpa`, close, log: () => logged };
}

let gateway: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => (gateway = await startGateway()));
afterAll(() => gateway.close());

const fileOf = (mock: Mock, origin: string, user: 'admin' | 'process-admin' | 'user' = 'admin', grant?: 'client-credentials') =>
  mock.gateway!.ionApi({ origin, user, grant });

/** The secrets of every user's file: none may show in what the mock or the kit print, log or write. */
function secretsOf(mock: Mock): string[] {
  return mock.gateway!.users.flatMap((user) => [user.clientSecret, user.serviceAccountKey, user.serviceAccountSecret]);
}

function expectNoSecret(texts: string[], secrets: string[]) {
  for (const text of texts)
    for (const secret of secrets)
      for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) expect(text).not.toContain(form);
}

/** An answer's JSON body, as the tests read it. */
const bodyOf = async (response: Response) => (await response.json()) as Record<string, unknown>;

const tokenPathOf = (file: IonApiFile) => new URL(file.pu + file.ot).pathname;

describe('the gateway, for OAuth 2.0 client libraries nobody here wrote', () => {
  it('simple-oauth2 logs in with the password grant (Basic and form), refreshes, revokes, and gets client credentials', async () => {
    const file = fileOf(gateway.mock, gateway.origin);
    for (const authorizationMethod of ['header', 'body'] as const) {
      const config = {
        client: { id: file.ci, secret: file.cs },
        auth: { tokenHost: gateway.origin, tokenPath: tokenPathOf(file), revokePath: new URL(file.pu + file.or).pathname },
        options: { authorizationMethod },
      };
      const owner = new ResourceOwnerPassword(config);
      const token = await owner.getToken({ username: file.saak!, password: file.sask! });
      expect(token.token).toMatchObject({ token_type: 'Bearer', expires_in: 7200 });
      const jobs = await fetch(`${gateway.api}/jobs?environment=default`, {
        headers: { Authorization: `Bearer ${token.token.access_token}` },
      });
      expect(jobs.status).toBe(200);
      const refreshed = await token.refresh();
      expect(refreshed.token.access_token).not.toBe(token.token.access_token);
      // The refresh token was rotated: the old one serves no more.
      await expect(token.refresh()).rejects.toMatchObject({ output: { statusCode: 400 } });
      await refreshed.revokeAll();
      const after = await fetch(`${gateway.api}/jobs?environment=default`, {
        headers: { Authorization: `Bearer ${refreshed.token.access_token}` },
      });
      expect(after.status).toBe(401);
      expect(after.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
      await expect(refreshed.refresh()).rejects.toMatchObject({ output: { statusCode: 400 } });
    }
    const app = new ClientCredentials({
      client: { id: file.ci, secret: file.cs },
      auth: { tokenHost: gateway.origin, tokenPath: tokenPathOf(file) },
    });
    const token = await app.getToken({});
    expect(token.token.refresh_token).toBeUndefined();
    const wrong = new ClientCredentials({
      client: { id: file.ci, secret: 'wrong' },
      auth: { tokenHost: gateway.origin, tokenPath: tokenPathOf(file) },
    });
    await expect(wrong.getToken({})).rejects.toMatchObject({ output: { statusCode: 401 }, data: { payload: { error: 'invalid_client' } } });
  });

  it('openid-client logs in with each grant, both client authentications, refreshes and revokes', async () => {
    const file = fileOf(gateway.mock, gateway.origin, 'process-admin');
    const issuer = new Issuer({
      issuer: `${gateway.origin}/${tenant}/as`,
      token_endpoint: file.pu + file.ot,
      revocation_endpoint: file.pu + file.or,
    });
    for (const method of ['client_secret_basic', 'client_secret_post'] as const) {
      const client = new issuer.Client({ client_id: file.ci, client_secret: file.cs, token_endpoint_auth_method: method });
      const tokens = await client.grant({ grant_type: 'password', username: file.saak, password: file.sask });
      expect(tokens.expires_in).toBe(7200);
      const refreshed = await client.refresh(tokens.refresh_token!);
      await client.revoke(refreshed.refresh_token!, 'refresh_token');
      await expect(client.refresh(refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
      const backend = await client.grant({ grant_type: 'client_credentials' });
      const run = await fetch(`${gateway.api}/jobs?environment=default`, { headers: { Authorization: `Bearer ${backend.access_token}` } });
      expect(run.status).toBe(200);
      await expect(client.grant({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' })).rejects.toMatchObject({
        error: 'unsupported_grant_type',
      });
    }
  });

  it('answers what is not a token request with the OAuth error it deserves, never a stack trace', async () => {
    const file = fileOf(gateway.mock, gateway.origin);
    const tokenUrl = file.pu + file.ot;
    const get = await fetch(tokenUrl);
    expect([get.status, get.headers.get('allow'), (await bodyOf(get)).error]).toEqual([405, 'POST', 'invalid_request']);
    const json = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"grant_type":"password"}',
    });
    expect([json.status, (await bodyOf(json)).error]).toEqual([400, 'invalid_request']);
    const huge = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a='.padEnd(64 * 1024, 'x'),
    });
    expect(huge.status).toBe(413);
    const noSecret = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: file.ci }),
    });
    expect([noSecret.status, (await bodyOf(noSecret)).error]).toEqual([401, 'invalid_client']);
  });
});

describe('the API behind the gateway', () => {
  it('lets each role read, lets only the administering roles start runs, and names who started each', async () => {
    const jobs = (
      (await await fetch(`${gateway.api}/jobs?environment=default`, {
        headers: { Authorization: `Bearer ${await passwordToken(fileOf(gateway.mock, gateway.origin))}` },
      }).then((r) => r.json())) as { jobs: { id: string; active: boolean }[] }
    ).jobs;
    const job = jobs.find((candidate) => candidate.active)!;
    for (const [user, status] of [
      ['admin', 202],
      ['process-admin', 202],
      ['user', 403],
    ] as const) {
      const token = await passwordToken(fileOf(gateway.mock, gateway.origin, user));
      const read = await fetch(`${gateway.api}/jobs/${job.id}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(read.status).toBe(200);
      const run = await fetch(`${gateway.api}/jobs/${job.id}/_execute`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      expect(run.status).toBe(status);
      const body = await bodyOf(run);
      const person = gateway.mock.gateway!.users.find((candidate) => candidate.key === user)!.person;
      if (status === 202)
        expect(body.job_context).toEqual({ user_identifier: person.id, user_name: person.display_name, user_details: person });
      else expect(body).toMatchObject({ type: 'forbidden', status: 403, detail: expect.stringContaining('RPA-User') });
    }
    // The runs show in the job, each naming its starter.
    const token = await passwordToken(fileOf(gateway.mock, gateway.origin));
    const detail = await bodyOf(await fetch(`${gateway.api}/jobs/${job.id}`, { headers: { Authorization: `Bearer ${token}` } }));
    const starters = (detail.job_instances as { job_context?: { user_details: { rpa_role: string } } }[])
      .flatMap((run) => (run.job_context ? [run.job_context.user_details.rpa_role] : []))
      .sort();
    expect(starters).toEqual(['RPA-Admin', 'RPA-Process_Admin']);
  });

  it('serves the API at its plain paths too, unless told not to; a path the gateway has not is 404', async () => {
    const token = await passwordToken(fileOf(gateway.mock, gateway.origin));
    const plain = await fetch(`${gateway.origin}/api/v1/rpa/jobs?environment=default`, { headers: { Authorization: `Bearer ${token}` } });
    expect(plain.status).toBe(200);
    const strict = await startGateway({ plainPaths: false });
    try {
      const only = await passwordToken(fileOf(strict.mock, strict.origin));
      const refused = await fetch(`${strict.origin}/api/v1/rpa/jobs?environment=default`, { headers: { Authorization: `Bearer ${only}` } });
      expect(refused.status).toBe(404);
      const served = await fetch(`${strict.api}/jobs?environment=default`, { headers: { Authorization: `Bearer ${only}` } });
      expect(served.status).toBe(200);
      expect((await fetch(`${strict.origin}/OTHER/RPA/api/v1/rpa/jobs?environment=default`)).status).toBe(404);
    } finally {
      await strict.close();
    }
  });

  it('logs and journals no credential and no token, even one sent in a query', async () => {
    const file = fileOf(gateway.mock, gateway.origin);
    const query = new URLSearchParams({ client_secret: file.cs, password: file.sask! });
    const answer = await fetch(`${file.pu}${file.ot}?${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        username: file.saak!,
        password: file.sask!,
        client_id: file.ci,
        client_secret: file.cs,
      }),
    });
    const { access_token: token, refresh_token: refresh } = (await answer.json()) as { access_token: string; refresh_token: string };
    await fetch(`${gateway.api}/jobs?environment=default`, { headers: { Authorization: `Bearer ${token}` } });
    const journal = await (await fetch(`${gateway.origin}/__mock/journal`)).text();
    expect(journal).toContain(`/${tenant}/as/token.oauth2`);
    expectNoSecret([gateway.log(), journal], [...secretsOf(gateway.mock), token, refresh]);
  });
});

describe('apps that log in with a parsed .ionapi file', () => {
  it('the typed client logs in, renews a token that expired, and lists jobs', async () => {
    const short = await startGateway({ tokenLifetime: 1 });
    try {
      const client = createRpaClient({ ionApi: fileOf(short.mock, short.origin) });
      const first = await client.GET('/api/v1/rpa/jobs', { params: { query: { environment: 'default' } } });
      expect(first.response.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const later = await client.GET('/api/v1/rpa/jobs', { params: { query: { environment: 'default' } } });
      expect(later.response.status).toBe(200);
      expect(later.data?.count).toBe(first.data?.count);
    } finally {
      await short.close();
    }
  });

  it('the typed client sends a request refused with 401 once more with a new token, and refuses a malformed file', async () => {
    const client = createRpaClient({ ionApi: fileOf(gateway.mock, gateway.origin) });
    expect((await client.GET('/api/v1/rpa/jobs', { params: { query: { environment: 'default' } } })).response.status).toBe(200);
    // Every token revoked at once, as when the tenant admin logs every app out.
    gateway.mock.gateway!.authServer.reset();
    expect((await client.GET('/api/v1/rpa/jobs', { params: { query: { environment: 'default' } } })).response.status).toBe(200);
    expect(() => createRpaClient({ ionApi: { ti: tenant, ci: 'x' } })).toThrow(/createRpaClient: ionApi lacks 'cs', 'iu', 'pu', 'ot'/);
  });

  it('the MSW handlers serve the gateway and its token endpoint, and the typed client logs in against them', async () => {
    const handlers = createHandlers({ gateway: tenant, seed: 42, clock: 'frozen', tokenLifetime: 60 });
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const client = createRpaClient({ ionApi: handlers.ionApi({ origin: 'https://gw.example.com', user: 'user' }) });
      const jobs = await client.GET('/api/v1/rpa/jobs', { params: { query: { environment: 'default' } } });
      expect(jobs.response.status).toBe(200);
      expect(jobs.response.url).toBe('https://gw.example.com/ACME_TST/RPA/api/v1/rpa/jobs?environment=default');
      const id = jobs.data!.jobs.find((job) => job.active)!.id;
      const run = await client.POST('/api/v1/rpa/jobs/{id}/_execute', { params: { path: { id } } });
      expect(run.response.status).toBe(403);
      const noToken = await fetch('https://gw.example.com/ACME_TST/RPA/api/v1/rpa/jobs?environment=default');
      expect(noToken.status).toBe(401);
    } finally {
      server.close();
    }
  });
});

/** A server command of the CLI on a free port, its output kept, resolved once it listens. */
async function startCommand(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(err);
      if (found) resolve(found[1]!);
    });
    child.on('exit', (code) => reject(new Error(`${args[0]} exited with ${code}: ${err}`)));
  });
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  return { url, stop, out: () => out, err: () => err };
}

describe('the commands that reach a tenant, against the mock in gateway mode with tokens of two seconds', () => {
  const run = (...args: string[]) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      const env = { ...process.env, RPA_BASE_URL: undefined, RPA_TOKEN: undefined, RPA_IONAPI: undefined, GITHUB_STEP_SUMMARY: undefined };
      execFile(process.execPath, [bin, ...args], { timeout: 60_000, env }, (error, stdout, stderr) =>
        resolve({ status: error ? Number((error as { code?: number }).code) : 0, stdout, stderr }),
      );
    });

  it('verify, calibrate, record and proxy --ionapi run end to end, printing and writing no secret', async () => {
    const serve = await startCommand(['serve', '--gateway', tenant, '--token-lifetime', '2', '--port', '0', '--log-format', 'json']);
    const origin = serve.url;
    try {
      const ionapi = path.join(dir, 'dev.ionapi');
      const written = await run('ionapi', '--gateway', tenant, '--origin', origin, '--out', ionapi);
      expect(written.status).toBe(0);
      const file = JSON.parse(readFileSync(ionapi, 'utf8')) as IonApiFile;
      const verify = await run(
        'verify',
        '--ionapi',
        ionapi,
        '--allow-execute',
        '--concurrency',
        '1',
        '--json',
        path.join(dir, 'verify.json'),
      );
      expect(verify.stdout).toMatch(/0 failed/);
      expect(verify.status).toBe(0);
      const calibrate = await run('calibrate', '--ionapi', ionapi, '--out', path.join(dir, 'tenant.overlay.yaml'));
      expect(calibrate.status).toBe(0);
      const record = await run('record', '--ionapi', ionapi, '--max-jobs', '10', '--out', path.join(dir, 'recorded.json'));
      expect(record.status).toBe(0);
      const proxy = await startCommand([
        'proxy',
        '--upstream',
        `${origin}/${tenant}/RPA`,
        '--ionapi',
        ionapi,
        '--port',
        '0',
        '--log-format',
        'json',
      ]);
      const proxied = proxy.url;
      try {
        // Across a token's life: the proxy renews its own before it expires.
        for (let i = 0; i < 3; i++) {
          expect((await fetch(`${proxied}/api/v1/rpa/jobs?environment=default`)).status).toBe(200);
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
      } finally {
        await proxy.stop();
      }
      const files = ['verify.json', 'tenant.overlay.yaml', 'recorded.json'].map((name) => readFileSync(path.join(dir, name), 'utf8'));
      const secrets = [file.cs, file.saak!, file.sask!];
      expectNoSecret(
        [
          written.stdout,
          written.stderr,
          verify.stdout,
          verify.stderr,
          calibrate.stdout,
          calibrate.stderr,
          record.stdout,
          record.stderr,
          proxy.out(),
          proxy.err(),
          serve.out(),
          serve.err(),
          ...files,
        ],
        secrets,
      );
      expect(serve.out()).not.toMatch(/access_token|refresh_token/);
    } finally {
      await serve.stop();
    }
  }, 90_000);

  const curl = spawnSync('curl', ['--version']).status === 0;
  (curl ? it : it.skip)("the README's curl recipe gets a token and calls the API with it", async () => {
    const file = fileOf(gateway.mock, gateway.origin);
    const ionapi = path.join(dir, 'curl.ionapi');
    writeFileSync(ionapi, JSON.stringify(file));
    const shell = (script: string) =>
      new Promise<string>((resolve, reject) =>
        execFile('sh', ['-c', script], { env: { ...process.env, IONAPI: ionapi } }, (error, stdout) =>
          error ? reject(error) : resolve(stdout),
        ),
      );
    const readme = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
    const recipe = /```sh\n(# rpa-mock curl recipe[\s\S]*?)```/.exec(readme)![1]!;
    const output = await shell(recipe.replace(/http:\/\/127\.0\.0\.1:4010/g, gateway.origin));
    expect(JSON.parse(output.trim().split('\n').at(-1)!)).toMatchObject({ count: expect.any(Number) });
  });
});
