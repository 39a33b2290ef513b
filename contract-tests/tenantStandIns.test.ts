import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exitCodeOf, formatReport, runContract, type ContractOptions } from '../src/contract';
import { isJobById, isJobList, startDriftingMock, type Passing, type Transform } from './support/driftingMock';
import { camelCase, pascalCase, renameKeys, reshapeBodies, reshapeJobs, documentedInList, upper } from './support/reshape';
import type { MockOptions } from '../src';

/**
 * Stand-in tenants shaped the way the public record says real deployments may differ from the
 * spec. Each must get the right verdict on first contact, a root cause named once at the level of
 * the body, and a report short enough to read (at most 60 lines).
 */
async function verifyStandIn(transform: Transform, options: Partial<ContractOptions> = {}, mock: Partial<MockOptions> = {}) {
  const waits: number[] = [];
  const standIn = await startDriftingMock(transform, mock);
  try {
    const report = await runContract({
      baseUrl: standIn.url,
      retries: 0,
      timeoutMs: 5000,
      // No test sleeps: the client's waits are recorded, not slept.
      wait: async (ms) => void waits.push(ms),
      maxJobs: 5,
      ...options,
    });
    const text = formatReport(report);
    return { exitCode: exitCodeOf(report), text, lines: text.trimEnd().split('\n').length, report, waits };
  } finally {
    await standIn.close();
  }
}

const errorsAs =
  (contentType: string, body: (p: Passing) => unknown): Transform =>
  (p) =>
    p.status >= 400 ? { ...p, contentType, body: JSON.stringify(body(p)) } : p;

const standIns: [string, Transform, RegExp][] = [
  [
    'a camelCase tenant',
    reshapeBodies((body) => renameKeys(body, camelCase)),
    /^1\) ✗ wire names are camelCase: (\d+) of \1 documented fields found under camelCase names \(x-inferred\)$/m,
  ],
  [
    'a PascalCase tenant',
    reshapeBodies((body) => renameKeys(body, pascalCase)),
    /^1\) ✗ wire names are PascalCase: (\d+) of \1 documented fields found under PascalCase names \(x-inferred\)$/m,
  ],
  [
    'a tenant whose list is a bare array',
    reshapeBodies((body, p) => (isJobList(p) ? (body as { jobs: unknown[] }).jobs : body)),
    /^1\) ✗ the list's envelope is a bare array, not the spec's wrapper: its items were read as the list's, so every by-id check still runs \(x-inferred\)$/m,
  ],
  [
    'a tenant whose list wraps its items as { total, items }',
    reshapeBodies((body, p) =>
      isJobList(p) ? { total: (body as { count: number }).count, items: (body as { jobs: unknown[] }).jobs } : body,
    ),
    /the list's envelope is \{ total, items \} \(the items under 'items', not 'jobs'\)/,
  ],
  [
    'a tenant whose list items are summaries',
    reshapeBodies((body, p) =>
      isJobList(p)
        ? {
            ...(body as object),
            jobs: (body as { jobs: Record<string, unknown>[] }).jobs.map((job) =>
              Object.fromEntries(documentedInList.map((f) => [f, job[f]])),
            ),
          }
        : body,
    ),
    /^1\) ✗ list items are summaries: 10 fields the job page documents are missing from every list item/m,
  ],
  [
    'a tenant answering errors as plain application/json',
    errorsAs('application/json', (p) => ({ message: `status ${p.status}` })),
    /✗ error answers are application\/json, not application\/problem\+json \(x-inferred\)[\s\S]*✗ error bodies are not the spec's error shape/,
  ],
  [
    'a tenant spelling enum values in upper case',
    reshapeJobs((job) => ({ ...job, status: upper(job.status), job_execution_strategy: upper(job.job_execution_strategy) })),
    /✗ status values are upper case: [A-Z]+ for [a-z]+ \(also job_execution_strategy(, job_instances\[\]\.status)?\) \(x-inferred\)/,
  ],
  [
    'a tenant writing date-times as epoch milliseconds',
    reshapeJobs((job) => {
      const metadata = job.metadata as Record<string, unknown>;
      return { ...job, metadata: { ...metadata, created_at: Date.parse(metadata.created_at as string) } };
    }),
    /^1\) ✗ date-time values are epoch milliseconds: metadata\.created_at \d{13} \(x-inferred\)$/m,
  ],
  [
    'a tenant sending null where the spec wants a value',
    reshapeJobs((job) => ({ ...job, description: null })),
    /^1\) ✗ null sent where the spec wants a value: description \(x-inferred\)$/m,
  ],
  [
    'a tenant sending numbers as strings and strings as numbers',
    reshapeJobs((job) => ({ ...job, priority: String(job.priority), process_version: Number(job.process_version) })),
    /(?=[\s\S]*✗ numbers sent as strings: priority "\d+" \(x-inferred\))(?=[\s\S]*✗ strings sent as numbers: process_version \d+ \(x-inferred\))/,
  ],
];

describe('verify against stand-in tenants', () => {
  it.each(standIns)('%s: exit 1, the root cause named once, at most 60 lines', async (_name, transform, rootCause) => {
    const { exitCode, text, lines, report } = await verifyStandIn(transform, { allowExecute: true });
    expect(text).toMatch(rootCause);
    expect(exitCode).toBe(1);
    expect(lines).toBeLessThanOrEqual(60);
    // Every by-id check still ran on the items, whatever the body's shape.
    expect(report.checks.find((check) => check.id === 'getJob/sample')?.outcome).not.toBe('skipped');
    expect(text).toMatch(/Only inferred parts fail[\s\S]*rpa-mock calibrate/);
  });

  it.each(standIns)('%s: with --inferred warn, exit 0', async (_name, transform) => {
    const { exitCode, report } = await verifyStandIn(transform, { inferred: 'warn' });
    expect(report.rootCauses.every((cause) => cause.severity === 'warning')).toBe(true);
    expect(exitCode).toBe(0);
  });

  it('a documented field missing by id stays a documented failure beside the root cause', async () => {
    const { exitCode, text } = await verifyStandIn(
      reshapeBodies((body, p) =>
        isJobById(p) ? renameKeys({ ...(body as object), job_name: undefined }, camelCase) : renameKeys(body, camelCase),
      ),
      { inferred: 'warn' },
    );
    expect(text).toMatch(/response body at \/job_name is required \[rule: required\] \(documented\)( \(and \d+ more like it\))?\n/);
    expect(text).toMatch(/Departures: 1 on documented parts/);
    expect(exitCode).toBe(1);
  });

  it('a tenant throttling with 429 and Retry-After: waits as asked, exit 0', async () => {
    const seen = new Set<string>();
    const { exitCode, waits, text } = await verifyStandIn((p) => {
      if (seen.has(p.path)) return p;
      seen.add(p.path);
      return { ...p, status: 429, contentType: 'text/plain', body: 'quota exceeded', headers: { 'Retry-After': '1' } };
    });
    expect(text).toMatch(/0 failed, 0 with warnings, \d skipped, 0 could not run/);
    expect(exitCode).toBe(0);
    expect(waits.length).toBeGreaterThan(3);
    expect(waits.every((ms) => ms === 1000)).toBe(true);
  });

  it('a gateway that flaps with 502/503/504: retried with backoff, exit 0', async () => {
    let n = 0;
    const statuses = [502, 503, 504];
    const { exitCode, waits } = await verifyStandIn((p) =>
      n++ % 2 === 0 ? { ...p, status: statuses[n % 3]!, contentType: 'text/html', body: '<html>Bad gateway</html>' } : p,
    );
    expect(exitCode).toBe(0);
    expect(waits.length).toBeGreaterThan(3);
  });

  it('a gateway that stays unavailable: could not run, exit 2, within the waiting budget', async () => {
    const { exitCode, text, lines, waits } = await verifyStandIn(
      (p) => (isJobById(p) ? { ...p, status: 503, contentType: 'text/plain', body: 'down' } : p),
      {
        gatewayBudgetMs: 10_000,
      },
    );
    expect(text).toMatch(/ERR {2}getJob\/sample .*the gateway answered 503 \d times \(upstream unavailable\)/);
    expect(exitCode).toBe(2);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10_000);
    expect(lines).toBeLessThanOrEqual(60);
  });

  it('rejected credentials stop before any check: credentials rejected, with a hint', async () => {
    const standIn = await startDriftingMock((p) => p, { authToken: 'the-right-one' });
    try {
      await expect(runContract({ baseUrl: standIn.url, token: 'an-expired-one', retries: 0 })).rejects.toThrow(
        /^credentials rejected: GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/rpa\/jobs\?environment=default → 401 with the token given\. Hint: /,
      );
      await expect(runContract({ baseUrl: standIn.url, retries: 0 })).rejects.toThrow(
        /^the server wants credentials: .* → 401\. Pass --token/,
      );
    } finally {
      await standIn.close();
    }
  });

  it('a base URL that doubles /api/v1 is named before anything is sent', async () => {
    await expect(runContract({ baseUrl: 'http://127.0.0.1:1/ACME/RPA/api/v1', retries: 0 })).rejects.toThrow(
      /^--base-url ends in \/api\/v1, which the spec's paths start with: .* Use --base-url http:\/\/127\.0\.0\.1:1\/ACME\/RPA$/,
    );
  });

  it('a base URL that answers a gateway page is named', async () => {
    const page = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><title>ION API Gateway</title></head><body>Sign in</body></html>');
      req.resume();
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    try {
      await expect(runContract({ baseUrl: `http://127.0.0.1:${(page.address() as AddressInfo).port}/ACME`, retries: 0 })).rejects.toThrow(
        /^the base URL answers an HTML page, not the API \(.*, titled 'ION API Gateway'\): a gateway, login or portal page\?/,
      );
    } finally {
      page.close();
    }
  });

  it('a tenant answering 200 with an error body: the root cause, documented, failing whatever --inferred says', async () => {
    const refusing: Transform = (p) =>
      p.status === 200 && p.method === 'GET' ? { ...p, body: JSON.stringify({ error: 'not authorized', code: 'RPA-403' }) } : p;
    for (const inferred of ['fail', 'warn'] as const) {
      const { exitCode, text, lines } = await verifyStandIn(refusing, { inferred });
      expect(text).toMatch(
        /^1\) ✗ the tenant answered 200 with an error body, not the API's answer: "not authorized"\. .* \(documented\)$/m,
      );
      expect(text).not.toMatch(/Only inferred parts fail/);
      expect(exitCode).toBe(1);
      expect(lines).toBeLessThanOrEqual(25);
    }
  });

  it('a tenant that differs in one way no reader knows: one root cause per node, with counts and provenance, in at most 25 lines', async () => {
    const { exitCode, text, lines } = await verifyStandIn(
      reshapeJobs((job) => ({ ...job, job_instances: Object.fromEntries((job.job_instances as { id: string }[]).map((r) => [r.id, r])) })),
    );
    expect(text).toMatch(/^1\) ✗ job_instances is object, not array, in (\d+) of \1 values seen, e\.g\. \{.*\(x-inferred\)$/m);
    expect(text).not.toMatch(/^2\)/m);
    expect(text).not.toMatch(/undefined/);
    expect(lines).toBeLessThanOrEqual(25);
    expect(exitCode).toBe(1);
  });

  it('the mock itself, problem+json errors and all: exit 0 and no root cause', async () => {
    const { exitCode, report } = await verifyStandIn((p) => p, { allowExecute: true });
    expect(report.rootCauses).toEqual([]);
    expect(exitCode).toBe(0);
  });
});
