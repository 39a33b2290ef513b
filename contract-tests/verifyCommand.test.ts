import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { close, createMock, listen } from '../src';
import { exitCodeOf, runContract } from '../src/contract';

const bin = path.resolve(__dirname, '../dist/cli/main.js');
const dir = mkdtempSync(path.join(tmpdir(), 'rpa-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runVerify(...args: string[]) {
  return runCli('verify', ...args);
}

function runCli(command: string, ...args: string[]) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    const env = { ...process.env, RPA_BASE_URL: undefined, RPA_TOKEN: undefined, RPA_IONAPI: undefined };
    execFile(process.execPath, [bin, command, ...args], { timeout: 30_000, env }, (error, stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: number }).code) : 0, stdout, stderr });
    });
  });
}

async function startServer(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('rpa-mock verify --ionapi', () => {
  it('gets a token from the file, checks with it, and never prints a secret', async () => {
    const token = 'ion-issued-token-0123456789';
    const mock = await createMock({ log: 'silent', authToken: token });
    const mockServer = await listen(mock.app, '127.0.0.1', 0);
    const tokenEndpoint = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ access_token: token, token_type: 'Bearer' }));
      });
    });
    const pu = `${await startServer(tokenEndpoint)}/ACME_TST/as/`;
    const ionapi = path.join(dir, 'ci.ionapi');
    const mockUrl = `http://127.0.0.1:${(mockServer.address() as AddressInfo).port}`;
    writeFileSync(
      ionapi,
      JSON.stringify({
        ti: 'ACME_TST',
        ci: 'client-id',
        cs: 'client-secret-xyz',
        iu: mockUrl,
        pu,
        ot: 'token.oauth2',
        saak: 'access-key-abc',
        sask: 'secret-key-def',
      }),
    );
    const junit = path.join(dir, 'verify.xml');
    const json = path.join(dir, 'verify.json');
    try {
      const result = await runVerify('--ionapi', ionapi, '--base-url', mockUrl, '--junit', junit, '--json', json);
      expect(result.stdout).toMatch(/ok {3}auth\/no-token/);
      expect(result.status).toBe(0);
      for (const text of [result.stdout, result.stderr, readFileSync(junit, 'utf8'), readFileSync(json, 'utf8')]) {
        for (const secret of [token, 'client-secret-xyz', 'secret-key-def', 'access-key-abc']) expect(text).not.toContain(secret);
      }
      expect(readFileSync(junit, 'utf8')).toMatch(/<testsuites name="rpa-mock verify" tests="17" failures="0" errors="0" skipped="1"/);
      expect(JSON.parse(readFileSync(json, 'utf8')).summary).toEqual({ passed: 16, failed: 0, warning: 0, skipped: 1, error: 0 });
    } finally {
      await close(mockServer);
      tokenEndpoint.close();
    }
  });

  it('exits 2 with a clear message for a bad .ionapi file', async () => {
    const result = await runVerify('--ionapi', path.join(dir, 'missing.ionapi'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the \.ionapi file .*missing\.ionapi cannot be read: no such file/);
  });
});

describe('rpa-mock verify and proxy with credentials in a URL', () => {
  it('refuse them with exit 2 and a hint, never repeating them', async () => {
    const [flags, fromEnv, proxy] = await Promise.all([
      runVerify('--base-url', 'http://ci-user:hunter2@127.0.0.1:1/RPA'),
      new Promise<{ status: number; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [bin, 'verify'],
          { env: { ...process.env, RPA_BASE_URL: 'https://ci-user:hunter2@gw.example.com' } },
          (error, _, stderr) => resolve({ status: error ? Number((error as { code?: number }).code) : 0, stderr }),
        );
      }),
      runCli('proxy', '--upstream', 'ftp://ci-user:hunter2@gw.example.com', '--port', '0'),
    ]);
    for (const result of [flags, fromEnv, proxy]) {
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/must not carry credentials \(user:password@ before the host\): use --token or --ionapi/);
      expect(result.stderr).not.toMatch(/hunter2|ci-user/);
    }
  });
});

describe('rpa-mock verify --json and --junit', () => {
  /** A server that shows the bearer token it was sent back in its answers, as a drifted or debugging server might. */
  async function echoingServer() {
    const server = createServer((req, res) => {
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Token': encodeURIComponent(token) });
      res.end(JSON.stringify({ count: 1, jobs: [{ id: token, job_name: { token }, note: `token ${token}` }] }));
      req.resume();
    });
    return { url: await startServer(server), close: () => server.close() };
  }

  it.each([
    ['a 1-character token', 'q'],
    ['a 3-character token', 'k9Z'],
    ['a token with characters reports escape', 'tok"<&en'],
  ])('never show %s, in any form', async (_, token) => {
    const server = await echoingServer();
    const junit = path.join(dir, `echo-${token.length}.xml`);
    const json = path.join(dir, `echo-${token.length}.json`);
    try {
      const result = await runVerify('--base-url', server.url, '--token', token, '--junit', junit, '--json', json, '--max-jobs', '1');
      expect(result.status).toBe(1);
      const jsonText = readFileSync(json, 'utf8');
      const xmlText = readFileSync(junit, 'utf8');
      expect(jsonText).toContain('***');
      expect(xmlText).toContain('***');
      const quoted = JSON.stringify(token);
      const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      for (const text of [result.stdout, result.stderr, jsonText, xmlText]) {
        for (const form of [
          quoted,
          JSON.stringify(quoted),
          xmlEscape(quoted),
          xmlEscape(JSON.stringify(quoted)),
          `Bearer ${token}`,
          `=${encodeURIComponent(token)}`,
        ])
          expect(text).not.toContain(form);
        if (token.length >= 4)
          for (const form of [token, xmlEscape(token), JSON.stringify(token).slice(1, -1)]) expect(text).not.toContain(form);
      }
      expect(JSON.parse(jsonText).summary.failed).toBeGreaterThan(0);
    } finally {
      server.close();
    }
  });
});

describe('rpa-mock verify --junit', () => {
  it('writes failures as JUnit failures with the field and the rule', async () => {
    const drifted = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ count: 1, jobs: [{ id: 'not-a-uuid' }] }));
      req.resume();
    });
    const url = await startServer(drifted);
    const junit = path.join(dir, 'failing.xml');
    try {
      const result = await runVerify('--base-url', url, '--junit', junit);
      expect(result.status).toBe(1);
      const xml = readFileSync(junit, 'utf8');
      expect(xml).toMatch(
        /<failure message="[^"]*" type="contract">[\s\S]*response body at \/jobs\/0\/job_name is required \[rule: required\]/,
      );
      // A departure on an inferred node is one root cause, with its count and an example.
      expect(xml).toMatch(/id is not a uuid, in \d+ of \d+ values seen, e.g. &quot;not-a-uuid&quot;/);
    } finally {
      drifted.close();
    }
  });
});

describe('a server that hangs', () => {
  it('is reported after the time-out, not waited on', async () => {
    const hanging = createServer(() => undefined);
    const url = await startServer(hanging);
    try {
      const started = performance.now();
      const report = await runContract({ baseUrl: url, timeoutMs: 100, retries: 0 });
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(report.checks[0]).toMatchObject({ outcome: 'error', reason: expect.stringMatching(/no answer within 100 ms/) });
      expect(exitCodeOf(report)).toBe(2);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });
});

describe('rpa-mock verify --min-coverage', () => {
  it('prints what the run covered in one line, and fails a run that covers less than asked', async () => {
    const mock = await createMock({ log: 'silent', jobs: 20 });
    const server = await listen(mock.app, '127.0.0.1', 0);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const json = path.join(dir, 'coverage.json');
    try {
      const plain = await runVerify('--base-url', url, '--max-jobs', '2', '--json', json);
      expect(plain.status).toBe(0);
      const line =
        /^coverage (\d+(\.\d)?) %: (\d+) of (\d+) statuses seen, (\d+) of (\d+) fields seen with a value \(\d+ only null, \d+ never\)$/m.exec(
          plain.stdout,
        );
      expect(line).not.toBeNull();
      const report = JSON.parse(readFileSync(json, 'utf8'));
      expect(report.coverage.percent).toBe(Number(line![1]));
      expect(report.coverage.statuses).toContainEqual({ operationId: 'getJob', status: '404', seen: true });
      expect(report.coverage.statuses).toContainEqual({ operationId: 'executeJob', status: '202', seen: false });
      expect(report.checks.map((check: { id: string }) => check.id)).not.toContain('coverage/minimum');
      const low = await runVerify('--base-url', url, '--max-jobs', '2', '--min-coverage', String(Math.floor(report.coverage.percent) + 1));
      expect(low.status).toBe(1);
      expect(low.stdout).toMatch(/FAIL coverage\/minimum /);
      expect(low.stdout).toMatch(/✗ coverage [\d.]+ %: .*: below the \d+ % asked for \[rule: min-coverage\]/);
      const enough = await runVerify('--base-url', url, '--max-jobs', '2', '--min-coverage', String(Math.floor(report.coverage.percent)));
      expect(enough.status).toBe(0);
      expect((await runVerify('--base-url', url, '--min-coverage', '101')).status).toBe(2);
    } finally {
      await close(server);
    }
  });
});
