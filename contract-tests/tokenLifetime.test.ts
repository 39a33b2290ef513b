import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createProxy } from '../src';
import { exitCodeOf, readIonApi, runContract, tokenSource } from '../src/contract';
import { SetupError } from '../src/errors/setupError';
import { defaultProxyOptions } from '../src/proxyOptions';
import { startGatewayStandIn, type GatewayOptions } from './support/gatewayStandIn';
import { jobsPath } from './support/startMock';

const bin = path.resolve(__dirname, '../dist/cli/main.js');
const dir = mkdtempSync(path.join(tmpdir(), 'rpa-tokens-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What keeps a run small and free of sleeping: a few jobs by id, no retries, waits that return at once. */
const small = { maxJobs: 5, retries: 0, wait: async () => undefined };

async function withGateway(options: GatewayOptions, test: (gateway: Awaited<ReturnType<typeof startGatewayStandIn>>) => Promise<void>) {
  const gateway = await startGatewayStandIn(options);
  try {
    await test(gateway);
  } finally {
    await gateway.close();
  }
}

function runCli(...args: string[]) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    const env = { ...process.env, RPA_BASE_URL: undefined, RPA_TOKEN: undefined, RPA_IONAPI: undefined, GITHUB_STEP_SUMMARY: undefined };
    execFile(process.execPath, [bin, ...args], { timeout: 30_000, env }, (error, stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: number }).code) : 0, stdout, stderr });
    });
  });
}

/** Fails when any secret or token shows in any text, as is, URL-encoded or JSON-escaped. */
function expectNoSecret(texts: string[], secrets: string[]) {
  for (const text of texts)
    for (const secret of secrets)
      for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) expect(text).not.toContain(form);
}

describe('verify behind a gateway whose tokens expire', () => {
  it('renews each token before it expires by the shared clock: no request refused, exit 0', () =>
    withGateway({ expiresIn: 10, msPerRequest: 1000, refreshTokens: true }, async (gateway) => {
      const credentials = await readIonApi(gateway.writeIonApi(dir));
      const tokens = tokenSource(credentials, { timeoutMs: 5000, now: gateway.now });
      // One request at a time: the gateway's clock moves a second per request, one after another.
      const report = await runContract({ baseUrl: gateway.baseUrl, tokenSource: tokens, ...small, concurrency: 1 });
      expect(report.summary).toMatchObject({ failed: 0, error: 0 });
      expect(exitCodeOf(report)).toBe(0);
      expect(report.checks.find((check) => check.id === 'auth/wrong-token')?.outcome).toBe('passed');
      // Ten seconds of life, a second per request, renewed two seconds early: every eighth request.
      expect(gateway.seen.apiRequests).toBeGreaterThan(24);
      expect(gateway.seen.grants.length).toBeGreaterThanOrEqual(Math.floor(gateway.seen.apiRequests / 8));
      expect(gateway.seen.grants[0]).toBe('password');
      expect(new Set(gateway.seen.grants.slice(1))).toEqual(new Set(['refresh_token']));
      expect(gateway.seen.expiredRefusals).toBe(0);
    }));

  it('with requests in flight at once, heals a token that runs out on the way with one shared renewal: exit 0', () =>
    withGateway({ expiresIn: 5, msPerRequest: 1000, refreshTokens: true }, async (gateway) => {
      const credentials = await readIonApi(gateway.writeIonApi(dir));
      const tokens = tokenSource(credentials, { timeoutMs: 5000, now: gateway.now });
      // Four in flight on a clock that counts them one after another: a token handed out a second
      // before its end can reach the gateway after it. Each refused request is sent once more.
      const report = await runContract({ baseUrl: gateway.baseUrl, tokenSource: tokens, ...small, maxJobs: 20, concurrency: 4 });
      expect(report.summary).toMatchObject({ failed: 0, error: 0 });
      expect(exitCodeOf(report)).toBe(0);
      // Whether any arrives late depends on how the requests interleave; none is reported either way.
      expect(report.checks.flatMap((check) => check.findings).filter((finding) => finding.actual === 401)).toEqual([]);
    }));

  it('renews a token the gateway refuses before its announced end, and sends the request again: exit 0, no 401 finding', () =>
    withGateway({ requestsPerToken: 4, expiresIn: 3600 }, async (gateway) => {
      const credentials = await readIonApi(gateway.writeIonApi(dir, false));
      const report = await runContract({ baseUrl: gateway.baseUrl, tokenSource: tokenSource(credentials, { timeoutMs: 5000 }), ...small });
      expect(report.checks.flatMap((check) => check.findings)).toEqual([]);
      expect(exitCodeOf(report)).toBe(0);
      expect(gateway.seen.expiredRefusals).toBeGreaterThan(5);
      expect(new Set(gateway.seen.grants)).toEqual(new Set(['client_credentials']));
    }));

  it('stops with credentials rejected (a SetupError, exit 2) when a static token expires mid-run, instead of failing checks', () =>
    withGateway({ requestsPerToken: 4 }, async (gateway) => {
      const token = gateway.issueToken();
      const error = (await runContract({ baseUrl: gateway.baseUrl, token, ...small }).catch((e: Error) => e)) as Error;
      expect(error).toBeInstanceOf(SetupError);
      expect(error.message).toMatch(
        /^credentials rejected: GET http:\/\/127\.0\.0\.1:\d+\/ACME\/RPA\/api\/v1\/rpa\/.* → 401 with the token given, which the server accepted earlier in the run: it has expired\? A --token cannot be renewed; pass --ionapi/,
      );
      expectNoSecret([error.message], [token]);
    }));
});

describe('rpa-mock verify, calibrate and record --ionapi', () => {
  it('verify: a renewal refused mid-run stops with exit 2, naming the token endpoint, with no secret or token in any output', () =>
    withGateway({ requestsPerToken: 3, refreshTokens: true, revokeAfterTokens: 2 }, async (gateway) => {
      const result = await runCli('verify', '--ionapi', gateway.writeIonApi(dir), '--max-jobs', '5', '--retries', '0');
      expect(result.stderr).toMatch(
        /^rpa-mock: credentials rejected while renewing the token: the token endpoint http:\/\/127\.0\.0\.1:\d+\/ACME\/as\/token\.oauth2 refused the credentials \(401, invalid_client\)\n$/,
      );
      expect(result.status).toBe(2);
      // Two tokens issued, then the refresh token refused and the file's own grant: both tried before
      // giving up (a request still in flight may ask with the file's grant once more).
      expect(gateway.seen.grants.slice(0, 4)).toEqual(['password', 'refresh_token', 'refresh_token', 'password']);
      expect(new Set(gateway.seen.grants.slice(4))).toEqual(new Set(gateway.seen.grants.length > 4 ? ['password'] : []));
      expectNoSecret([result.stdout, result.stderr], gateway.secrets());
    }));

  it('verify: masks every token issued during the run, in the report, JUnit and JSON, when the tenant echoes them', () =>
    // Eight requests a token: with four in flight, the requests refused share one renewal and fit in the next token.
    withGateway({ requestsPerToken: 8, refreshTokens: true, echoToken: true }, async (gateway) => {
      const junit = path.join(dir, 'echo.xml');
      const json = path.join(dir, 'echo.json');
      const result = await runCli(
        'verify',
        '--ionapi',
        gateway.writeIonApi(dir),
        ...['--max-jobs', '5', '--retries', '0', '--verbose'],
        ...['--junit', junit, '--json', json],
      );
      expect(result.status).toBe(1);
      const report = JSON.parse(readFileSync(json, 'utf8')) as { checks: { findings: { pointer?: string }[] }[] };
      // Only the echo breaks the contract: no 401 anywhere, though tokens expired every eighth request.
      expect(new Set(report.checks.flatMap((check) => check.findings.map((finding) => finding.pointer)))).toEqual(new Set(['/job_name']));
      expect(gateway.seen.issued.length).toBeGreaterThan(6);
      expect(readFileSync(json, 'utf8')).toContain('Bearer ***');
      expectNoSecret([result.stdout, result.stderr, readFileSync(junit, 'utf8'), readFileSync(json, 'utf8')], gateway.secrets());
    }));

  it('calibrate and record complete across token lifetimes, their files free of secrets', () =>
    withGateway({ requestsPerToken: 8, refreshTokens: true }, async (gateway) => {
      const ionapi = gateway.writeIonApi(dir);
      const overlay = path.join(dir, 'tenant.overlay.yaml');
      const fixture = path.join(dir, 'tenant.json');
      const [calibrated, recorded] = await Promise.all([
        runCli('calibrate', '--ionapi', ionapi, '--out', overlay, '--max-jobs', '5', '--retries', '0'),
        runCli('record', '--ionapi', ionapi, '--out', fixture, '--max-jobs', '5', '--retries', '0'),
      ]);
      expect(calibrated.stdout).toMatch(/^rpa-mock calibrate .*: 0 actions written to/);
      expect(calibrated.status).toBe(0);
      expect(recorded.stderr).toMatch(/^rpa-mock: recorded 5 jobs of 'default'/);
      expect(recorded.status).toBe(0);
      expect(gateway.seen.expiredRefusals).toBeGreaterThan(2);
      const outputs = [calibrated.stdout, calibrated.stderr, recorded.stdout, recorded.stderr];
      expectNoSecret([...outputs, readFileSync(overlay, 'utf8'), readFileSync(fixture, 'utf8')], gateway.secrets());
    }));
});

describe('rpa-mock proxy --ionapi', () => {
  async function proxyTo(gateway: Awaited<ReturnType<typeof startGatewayStandIn>>) {
    const proxy = await createProxy({
      ...defaultProxyOptions,
      upstream: gateway.baseUrl,
      ionapi: gateway.writeIonApi(dir),
      port: 0,
      timeoutMs: 5000,
      log: 'silent',
    });
    return request(proxy.app);
  }

  it('never answers 401 for its own token, over many requests, concurrent ones too, across many token lifetimes', () =>
    // A token outlives the requests in flight with it, as a real one outlives a round trip: six uses, five at a time.
    withGateway({ requestsPerToken: 6, refreshTokens: true }, async (gateway) => {
      const http = await proxyTo(gateway);
      const statuses: number[] = [];
      for (let batch = 0; batch < 8; batch++) {
        const answers = await Promise.all(Array.from({ length: 5 }, () => http.get(jobsPath).query({ environment: 'default' })));
        statuses.push(...answers.map((answer) => answer.status));
      }
      expect(statuses).toEqual(Array(40).fill(200));
      expect(gateway.seen.expiredRefusals).toBeGreaterThan(5);
      // Refused together, renewed once: far fewer renewals than refusals.
      expect(gateway.seen.grants.length).toBeLessThan(gateway.seen.expiredRefusals);
    }));

  it("answers 502 naming the token endpoint when it refuses the proxy's credentials, and keeps serving", () =>
    withGateway({ requestsPerToken: 2 }, async (gateway) => {
      const http = await proxyTo(gateway);
      await http.get(jobsPath).query({ environment: 'default' }).expect(200);
      await http.get(jobsPath).query({ environment: 'default' }).expect(200);
      gateway.refuseCredentials(true);
      const refused = await http.get(jobsPath).query({ environment: 'default' }).expect(502);
      expect(refused.body).toMatchObject({
        type: expect.stringMatching(/upstream_unavailable/),
        detail: expect.stringMatching(
          /^The token endpoint http:\/\/127\.0\.0\.1:\d+\/ACME\/as\/token\.oauth2 refused the proxy's credentials \(401, invalid_client\); the next request asks it again\.$/,
        ),
      });
      expectNoSecret([refused.text], gateway.secrets());
      gateway.refuseCredentials(false);
      await http.get(jobsPath).query({ environment: 'default' }).expect(200);
    }));

  it('does not start when the token endpoint refuses its credentials', () =>
    withGateway({}, async (gateway) => {
      gateway.refuseCredentials(true);
      const error = (await proxyTo(gateway).catch((e: Error) => e)) as Error;
      expect(error).toBeInstanceOf(SetupError);
      expect(error.message).toMatch(/^the token endpoint .* refused the credentials \(401, invalid_client\)$/);
    }));
});
