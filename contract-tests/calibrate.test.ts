import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { setupServer } from 'msw/node';
import { createHandlers } from '../src/msw';
import { close, createMock, listen } from '../src';
import { createProxy } from '../src/createProxy';
import { defaultProxyOptions } from '../src/proxyOptions';
import { exitCodeOf, formatReport, readIonApi, runContract, tokenSource } from '../src/contract';
import { startGatewayStandIn } from './support/gatewayStandIn';
import { CalibrationRefused, calibrateTenant } from '../src/contract/calibrate/calibrateTenant';
import { isJobById, isJobList, startDriftingMock, type Passing, type Transform } from './support/driftingMock';
import { camelCase, renameKeys, reshapeBodies, reshapeJobs, documentedInList, upper } from './support/reshape';

const dir = mkdtempSync(path.join(tmpdir(), 'rpa-calibrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const noWait = async () => undefined;
const compose =
  (...transforms: Transform[]): Transform =>
  async (passing, upstream) => {
    let out = passing;
    for (const transform of transforms) out = await transform(out, upstream);
    return out;
  };

/** Calibrates against a stand-in, writes the overlay, and verifies the same stand-in with it. */
async function calibrateThenVerify(name: string, transform: Transform) {
  const standIn = await startDriftingMock(transform);
  try {
    const options = { baseUrl: standIn.url, retries: 0, timeoutMs: 5000, wait: noWait, maxJobs: 5 };
    const { overlay, unlearned } = await calibrateTenant(options);
    const file = path.join(dir, `${name}.overlay.yaml`);
    writeFileSync(file, stringify(overlay));
    const report = await runContract({ ...options, overlays: [file] });
    return { overlay, unlearned, file, exitCode: exitCodeOf(report), text: formatReport(report) };
  } finally {
    await standIn.close();
  }
}

const tenants: [string, Transform][] = [
  ['camelCase', reshapeBodies((body) => renameKeys(body, camelCase))],
  ['bare-array', reshapeBodies((body, p) => (isJobList(p) ? (body as { jobs: unknown[] }).jobs : body))],
  [
    'upper-case-enums',
    reshapeJobs((job) => ({ ...job, status: upper(job.status), job_execution_strategy: upper(job.job_execution_strategy) })),
  ],
  ['swapped-types', reshapeJobs((job) => ({ ...job, priority: String(job.priority), process_version: Number(job.process_version) }))],
  [
    'epoch-milliseconds-and-nulls',
    reshapeJobs((job) => {
      const metadata = job.metadata as Record<string, unknown>;
      const context = job.job_context as Record<string, unknown>;
      return {
        ...job,
        description: null,
        job_context: { ...context, user_name: null },
        metadata: {
          ...metadata,
          created_at: Date.parse(metadata.created_at as string),
          updated_at: Date.parse(metadata.updated_at as string),
        },
      };
    }),
  ],
  [
    'plain-json-errors',
    (p: Passing) =>
      p.status >= 400 ? { ...p, contentType: 'application/json', body: JSON.stringify({ message: 'no', code: p.status }) } : p,
  ],
  [
    'summary-items-in-a-wrapper',
    compose(
      reshapeBodies((body, p) =>
        isJobList(p)
          ? {
              total: (body as { count: number }).count,
              items: (body as { jobs: Record<string, unknown>[] }).jobs.map((job) =>
                Object.fromEntries(documentedInList.map((f) => [f, job[f]])),
              ),
            }
          : body,
      ),
      reshapeJobs((job) => ({ ...job, robot_pool: 'EU-West' })),
    ),
  ],
];

/**
 * Each tenant is calibrated once, on first use: the tests after only read its overlay file, and
 * each still starts its own stand-in or mock for what it checks.
 */
const calibrations = new Map<string, ReturnType<typeof calibrateThenVerify>>();
function calibrated(name: string) {
  let calibration = calibrations.get(name);
  if (!calibration) {
    const [, transform] = tenants.find(([tenant]) => tenant === name)!;
    calibration = calibrateThenVerify(name, transform);
    calibrations.set(name, calibration);
  }
  return calibration;
}

describe('calibrate, then verify --overlay', () => {
  it.each(tenants)('a %s tenant passes with its calibration', async (name) => {
    const { exitCode, text, overlay, unlearned } = await calibrated(name);
    expect(unlearned).toEqual([]);
    expect(overlay.actions.length).toBeGreaterThan(0);
    expect(overlay.actions.every((action) => typeof action.description === 'string' && action.description.length > 0)).toBe(true);
    expect({ exitCode, text }).toEqual({ exitCode: 0, text: expect.stringMatching(/\b0 failed\b/) });
  });

  it('a documented field the tenant drops after calibration still fails', async () => {
    const camel = reshapeBodies((body) => renameKeys(body, camelCase));
    const { file } = await calibrated('camelCase');
    const dropped = await startDriftingMock(
      compose(camel, (p) =>
        isJobById(p) && p.status === 200 ? { ...p, body: JSON.stringify({ ...JSON.parse(p.body), jobName: undefined }) } : p,
      ),
    );
    try {
      const report = await runContract({ baseUrl: dropped.url, overlays: [file], retries: 0, wait: noWait, maxJobs: 5 });
      expect(formatReport(report)).toMatch(/response body at \/jobName is required \[rule: required\]/);
      expect(exitCodeOf(report)).toBe(1);
    } finally {
      await dropped.close();
    }
  });

  it('evidence in every action, and nothing loosened: documented fields stay required under their wire names', async () => {
    const { overlay } = await calibrated('camelCase');
    const job = overlay.actions.find((a) => a.target === "$['components']['schemas']['Job']" && a.update)!;
    expect(job.description).toMatch(/Calibrated from \d+ objects seen: .*jobName for job_name/);
    const update = job.update as { required: string[]; properties: Record<string, { 'x-field'?: string }> };
    expect(update.required).toHaveLength(23);
    expect(update.required).toContain('jobName');
    expect(update.properties.jobName!['x-field']).toBe('job_name');
  });
});

describe('calibrate refuses to learn from what is not the API', () => {
  async function calibrateAt(transform: Transform, environment?: string) {
    const standIn = await startDriftingMock(transform);
    try {
      return await calibrateTenant({ baseUrl: standIn.url, retries: 0, wait: noWait, maxJobs: 3, environment });
    } finally {
      await standIn.close();
    }
  }

  it('a 200 whose body is an error object: refused, quoting the tenant', async () => {
    const refusing: Transform = (p) =>
      p.status === 200 ? { ...p, body: JSON.stringify({ message: 'Tenant not provisioned for RPA' }) } : p;
    await expect(calibrateAt(refusing)).rejects.toThrow(CalibrationRefused);
    await expect(calibrateAt(refusing)).rejects.toThrow(/learns nothing from .*error body.*"Tenant not provisioned for RPA"/);
  });

  it('a login page where the jobs by id were asked for: refused, quoting its title; verify fails on it whatever --inferred says', async () => {
    // The list is the API's (a first request answered with a page stops every command before its checks).
    const loginPage: Transform = (p) =>
      isJobById(p) && p.status === 200
        ? {
            ...p,
            contentType: 'text/html',
            body: '<!DOCTYPE html><html><head><title>Infor OS | Sign in</title></head><body><form></form></body></html>',
          }
        : p;
    await expect(calibrateAt(loginPage)).rejects.toThrow(/learns nothing from .*an HTML page.*"Infor OS \| Sign in"/);
    const standIn = await startDriftingMock(loginPage);
    try {
      const report = await runContract({ baseUrl: standIn.url, retries: 0, wait: noWait, maxJobs: 3, inferred: 'warn' });
      expect(report.rootCauses.find((cause) => cause.key === 'not-the-api')).toMatchObject({ inferred: false });
      expect(exitCodeOf(report)).toBe(1);
    } finally {
      await standIn.close();
    }
  });

  it('an environment without jobs: refused, naming the environment', async () => {
    const empty = reshapeBodies((body, p) => (isJobList(p) ? { count: 0, jobs: [] } : body));
    await expect(calibrateAt(empty)).rejects.toThrow(/environment 'default' lists no jobs\. Pass --environment/);
  });

  it('a documented field the tenant never sends: listed as not learned, documented', async () => {
    const { unlearned, overlay } = await calibrateAt(
      compose(
        reshapeBodies((body) => renameKeys(body, camelCase)),
        reshapeJobs((job) => ({ ...job, jobName: undefined })),
      ),
    );
    expect(overlay.actions.length).toBeGreaterThan(0);
    expect(unlearned).toEqual(expect.arrayContaining([expect.stringMatching(/\/job_?[nN]ame is required .*\(documented\)$/)]));
  });

  it('a process list in another envelope: the documented wrapper is not learned, and the jobs list is left alone', async () => {
    const bareProcesses: Transform = (p) =>
      p.status === 200 && /\/process(\?|$)/.test(p.path)
        ? { ...p, body: JSON.stringify((JSON.parse(p.body) as { processes: unknown[] }).processes) }
        : p;
    const { unlearned, overlay, report } = await calibrateAt(bareProcesses);
    expect(report.rootCauses.find((cause) => cause.key === 'envelope')).toMatchObject({ inferred: false });
    expect(overlay.actions.filter((action) => /JobList|ProcessList/.test(action.target))).toEqual([]);
    expect(unlearned).toEqual(expect.arrayContaining([expect.stringMatching(/envelope is a bare array.*\(documented\)/)]));
  });

  it('a field spelled one way in the list and another by id: read under both, and verify --overlay passes', async () => {
    // The list page documents `eoEnabled`; the job page reads `eo_flow_enabled`.
    const split: Transform = (p) => {
      if (!isJobList(p) || p.status !== 200) return p;
      const body = JSON.parse(p.body) as { jobs: Record<string, unknown>[] };
      const jobs = body.jobs.map(({ eo_flow_enabled, ...job }) => ({ ...job, eoEnabled: eo_flow_enabled }));
      return { ...p, body: JSON.stringify({ ...body, jobs }) };
    };
    const { exitCode, text } = await calibrateThenVerify('split-alias', split);
    expect({ exitCode, text }).toEqual({ exitCode: 0, text: expect.stringMatching(/\b0 failed\b/) });
  });
});

/**
 * The tenants served by serve --overlay: in the full sweep every one; in `npm test` the three whose
 * wire mappings differ most (names, error bodies, an envelope with summary items and an extra field),
 * the composed tenants serving the others' kinds.
 */
const served =
  process.env.FULL_PROPERTIES === '1' ? tenants : tenants.filter(([name]) => /^(camelCase|plain-json-errors|summary-items)/.test(name));

describe('serve --overlay', () => {
  it.each(served)('serves the calibrated contract of a %s tenant, which verify --overlay passes', async (name) => {
    const { file } = await calibrated(name);
    const mock = await createMock({ log: 'silent', strict: true, overlays: [file] });
    const server = await listen(mock.app, '127.0.0.1', 0);
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const report = await runContract({ baseUrl, overlays: [file], allowExecute: true, retries: 0, wait: noWait, maxJobs: 5 });
      expect({ exitCode: exitCodeOf(report), text: formatReport(report) }).toEqual({
        exitCode: 0,
        text: expect.stringMatching(/\b0 failed\b/),
      });
      // And the tenant's shape is what goes over the wire, not the documented one.
      const list = (await (await fetch(`${baseUrl}/api/v1/rpa/jobs?environment=default`)).json()) as unknown;
      const unknown = await fetch(`${baseUrl}/api/v1/rpa/jobs/00000000-0000-4000-8000-000000000000`);
      expect(JSON.stringify(list)).toMatch(shapes[name]!.list);
      expect(unknown.headers.get('content-type')?.split(';')[0]).toBe(shapes[name]!.errorType);
      expect(await unknown.json()).toEqual(
        name === 'plain-json-errors' ? { message: expect.any(String), code: 404 } : expect.objectContaining({ status: 404 }),
      );
    } finally {
      await close(server);
    }
  });
});

describe('a tenant whose list writes a field one way and the job by id another', () => {
  // The list sends priority as a word, the job by id as the spec's integer.
  const words = ['low', 'normal', 'high', 'urgent'];
  const wordsInList: Transform = (p) => {
    if (!isJobList(p) || p.status !== 200) return p;
    const body = JSON.parse(p.body) as { jobs: Record<string, unknown>[] };
    const jobs = body.jobs.map((job) => ({ ...job, priority: words[Number(job.priority) % words.length] }));
    return { ...p, body: JSON.stringify({ ...body, jobs }) };
  };
  const options = { retries: 0, timeoutMs: 5000, wait: noWait, maxJobs: 3 };

  it('learns each operation its own form: verify --overlay passes, serve --overlay answers so, and words by id still fail', async () => {
    const standIn = await startDriftingMock(wordsInList);
    const file = path.join(dir, 'per-operation.overlay.yaml');
    try {
      const { overlay, unlearned } = await calibrateTenant({ ...options, baseUrl: standIn.url });
      expect(unlearned).toEqual([]);
      expect(overlay.actions.map((action) => action.description).join('\n')).toMatch(
        /priority: written one way in listJobs and another in getJob/,
      );
      writeFileSync(file, stringify(overlay));
      const after = await runContract({ ...options, baseUrl: standIn.url, overlays: [file] });
      expect({ exitCode: exitCodeOf(after), text: formatReport(after) }).toMatchObject({ exitCode: 0 });
    } finally {
      await standIn.close();
    }
    // The job by id keeps the spec's integer: a tenant that starts sending words there has moved.
    const drifted = await startDriftingMock(reshapeJobs((job) => ({ ...job, priority: words[Number(job.priority) % words.length] })));
    try {
      const report = await runContract({ ...options, baseUrl: drifted.url, overlays: [file] });
      expect(exitCodeOf(report)).toBe(1);
      expect(report.checks.find((check) => check.id === 'getJob/sample')?.outcome).toBe('failed');
    } finally {
      await drifted.close();
    }
    const mock = await createMock({ log: 'silent', strict: true, overlays: [file] });
    const server = await listen(mock.app, '127.0.0.1', 0);
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect(exitCodeOf(await runContract({ ...options, baseUrl, overlays: [file] }))).toBe(0);
      const { jobs } = (await (await fetch(`${baseUrl}/api/v1/rpa/jobs?environment=default`)).json()) as {
        jobs: { id: string; priority: unknown }[];
      };
      const byId = (await (await fetch(`${baseUrl}/api/v1/rpa/jobs/${jobs[0]!.id}`)).json()) as { priority: unknown };
      expect(words).toContain(jobs[0]!.priority);
      expect(typeof byId.priority).toBe('number');
    } finally {
      await close(server);
    }
  });
});

describe('a tenant whose successful answers differ where the spec guessed', () => {
  // Its own media type on every success, and _execute answering 201 Created where the spec guessed 202.
  const vendorJson: Transform = (p) => {
    if (p.status < 200 || p.status >= 300) return p;
    const status = p.method === 'POST' && p.path.endsWith('/_execute') ? 201 : p.status;
    return { ...p, status, contentType: 'application/vnd.infor.rpa.v1+json' };
  };
  const options = { retries: 0, timeoutMs: 5000, wait: noWait, maxJobs: 3, allowExecute: true };

  it('is named in two root causes, calibrated to a pass, and served so by serve --overlay', async () => {
    const standIn = await startDriftingMock(vendorJson);
    const file = path.join(dir, 'vendor-json.overlay.yaml');
    try {
      const before = formatReport(await runContract({ ...options, baseUrl: standIn.url }));
      expect(before).toMatch(
        /^\d\) ✗ successful answers are application\/vnd\.infor\.rpa\.v1\+json, not application\/json \(x-inferred\)$/m,
      );
      expect(before).toMatch(/^\d\) ✗ executeJob answers 201, not the spec's 202: .* \(x-inferred\)$/m);
      const { overlay, unlearned } = await calibrateTenant({ ...options, baseUrl: standIn.url });
      expect(unlearned).toEqual([]);
      writeFileSync(file, stringify(overlay));
      const after = await runContract({ ...options, baseUrl: standIn.url, overlays: [file] });
      expect({ exitCode: exitCodeOf(after), text: formatReport(after) }).toMatchObject({ exitCode: 0 });
      expect(after.checks.find((check) => check.id === 'executeJob/run-appears')?.outcome).toBe('passed');
    } finally {
      await standIn.close();
    }
    const mock = await createMock({ log: 'silent', strict: true, overlays: [file] });
    const server = await listen(mock.app, '127.0.0.1', 0);
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const served = await runContract({ ...options, baseUrl, overlays: [file] });
      expect({ exitCode: exitCodeOf(served), text: formatReport(served) }).toMatchObject({ exitCode: 0 });
      const list = await fetch(`${baseUrl}/api/v1/rpa/jobs?environment=default`);
      expect(list.headers.get('content-type')).toMatch(/^application\/vnd\.infor\.rpa\.v1\+json/);
      const { jobs } = (await list.json()) as { jobs: { id: string; active: boolean }[] };
      const run = await fetch(`${baseUrl}/api/v1/rpa/jobs/${jobs.find((job) => job.active)!.id}/_execute`, { method: 'POST' });
      expect(run.status).toBe(201);
    } finally {
      await close(server);
    }
  });
});

describe('a paged tenant', () => {
  // A Spring-style page of two jobs: { content, totalElements, totalPages, number, size }, asked for by page and size.
  const springPages: Transform = reshapeBodies((body, p) => {
    if (!isJobList(p)) return body;
    const query = new URL(p.path, 'http://tenant').searchParams;
    const [page, size] = [Number(query.get('page') ?? 0), Number(query.get('size') ?? 2)];
    const jobs = (body as { jobs: unknown[] }).jobs;
    return {
      content: jobs.slice(page * size, page * size + size),
      totalElements: jobs.length,
      totalPages: Math.ceil(jobs.length / size),
      number: page,
      size,
    };
  });

  it('behind a gateway whose prefix the tenant does not know: its next links are read under the API base; a link elsewhere stops, said', async () => {
    // Next links as the backend sees itself: /api/v1/… without the gateway's /ACME/RPA, or somewhere else entirely.
    const nextLinks =
      (elsewhere: boolean): Transform =>
      (p) => {
        if (!isJobList(p) || p.status !== 200) return p;
        const url = new URL(p.path, 'http://tenant');
        const [page, size] = [Number(url.searchParams.get('page') ?? 0), 2];
        const jobs = (JSON.parse(p.body) as { jobs: unknown[] }).jobs;
        url.searchParams.set('page', String(page + 1));
        const next = (page + 1) * size < jobs.length ? `${elsewhere ? '/portal' : ''}${url.pathname}${url.search}` : null;
        return { ...p, body: JSON.stringify({ count: jobs.length, jobs: jobs.slice(page * size, (page + 1) * size), next }) };
      };
    for (const elsewhere of [false, true]) {
      const gateway = await startGatewayStandIn({ upstream: (authToken) => startDriftingMock(nextLinks(elsewhere), { authToken }) });
      try {
        const tokens = tokenSource(await readIonApi(gateway.writeIonApi(dir)), { timeoutMs: 5000 });
        const text = formatReport(
          await runContract({ baseUrl: gateway.baseUrl, tokenSource: tokens, retries: 0, wait: noWait, maxJobs: 3 }),
        );
        if (elsewhere) {
          expect(text).toMatch(/stopped at a next page outside the API base \/ACME\/RPA\/ \(\/portal\/api\/v1\/rpa\/jobs\)/);
          expect(text).toMatch(/verify read 2 items in 1 pages, then stopped \(the warning says where\)/);
        } else {
          expect(text).not.toMatch(/stopped at/);
          expect(text).toMatch(/verify read every page, \d+ items in \d+ pages/);
        }
      } finally {
        await gateway.close();
      }
    }
  });

  it('is read page by page, named once as paging, calibrated, and served page by page by serve --overlay and the MSW handlers', async () => {
    const { exitCode, text, overlay, file } = await calibrateThenVerify('spring-pages', springPages);
    expect({ exitCode, text }).toEqual({ exitCode: 0, text: expect.stringMatching(/\b0 failed\b/) });
    const paging = overlay.actions.find((action) => (action.update as { 'x-paging'?: unknown } | undefined)?.['x-paging']);
    expect(paging?.update).toMatchObject({ 'x-paging': { style: 'page', pageSize: 2, params: { page: 'page', size: 'size' } } });
    const mock = await createMock({ log: 'silent', strict: true, overlays: [file] });
    const server = await listen(mock.app, '127.0.0.1', 0);
    const handlers = createHandlers({ overlays: [overlay] });
    const worker = setupServer(...handlers);
    worker.listen({ onUnhandledRequest: 'bypass' });
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const first = (await (await fetch(`${baseUrl}/api/v1/rpa/jobs?environment=default`)).json()) as Record<string, unknown>;
      const second = (await (await fetch(`${baseUrl}/api/v1/rpa/jobs?environment=default&page=1&size=2`)).json()) as Record<
        string,
        unknown
      >;
      expect(first).toMatchObject({ content: expect.any(Array), totalElements: expect.any(Number), number: 0, size: 2 });
      expect((first.content as unknown[]).length).toBeLessThanOrEqual(2);
      expect(second).toMatchObject({ number: 1 });
      expect(second.content).not.toEqual(first.content);
      const fromHandlers = await (await fetch('http://rpa.test/api/v1/rpa/jobs?environment=default')).json();
      expect(fromHandlers).toMatchObject({ content: expect.any(Array), number: 0, size: 2, totalElements: first.totalElements });
      const served = await runContract({ baseUrl, overlays: [file], retries: 0, wait: noWait, maxJobs: 5 });
      expect({ exitCode: exitCodeOf(served), text: formatReport(served) }).toEqual({
        exitCode: 0,
        text: expect.stringMatching(/\b0 failed\b/),
      });
    } finally {
      worker.close();
      await close(server);
    }
  });

  it('a verify before calibration names paging once and checks every page', async () => {
    const standIn = await startDriftingMock(springPages);
    try {
      const report = await runContract({ baseUrl: standIn.url, retries: 0, wait: noWait, maxJobs: 5 });
      const text = formatReport(report);
      expect(text).toMatch(
        /^1\) ✗ listJobs's list is paged \(page and size, 2 a page, the total in totalElements\), which the spec does not say: verify read every page, \d+ items in \d+ pages \(x-inferred\)$/m,
      );
      expect(report.sampled.jobs).toBeGreaterThan(2);
      expect(exitCodeOf(report)).toBe(1);
      const capped = await runContract({ baseUrl: standIn.url, retries: 0, wait: noWait, maxJobs: 5, maxPages: 1 });
      expect(formatReport(capped)).toMatch(/the list was read in 1 page and stopped at --max-pages 1/);
    } finally {
      await standIn.close();
    }
  });
});

describe('serve --overlay, errors of its own', () => {
  it("answers the pipeline's own errors (a missing parameter, a missing token) in the tenant's error shape", async () => {
    // The tenant's 404 as calibration saw it, said of its 400 and 401 too (calibration sends no bad request).
    const { file, overlay } = await calibrated('plain-json-errors');
    const notFound = overlay.actions.filter((action) => action.target === "$['components']['responses']['JobNotFound']");
    expect(notFound).toHaveLength(1);
    const adapted = {
      ...overlay,
      actions: [
        ...overlay.actions,
        ...['BadRequest', 'Unauthorized'].flatMap((name) => [
          { target: `$['components']['responses']['${name}'].content`, remove: true },
          { ...notFound[0]!, target: `$['components']['responses']['${name}']` },
        ]),
      ],
    };
    const adaptedFile = file.replace(/\.yaml$/, '-errors.yaml');
    writeFileSync(adaptedFile, stringify(adapted));
    const mock = await createMock({ log: 'silent', strict: true, overlays: [adaptedFile], authToken: 'the-token' });
    const server = await listen(mock.app, '127.0.0.1', 0);
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const missingParameter = await fetch(`${baseUrl}/api/v1/rpa/jobs`, { headers: { Authorization: 'Bearer the-token' } });
      expect(missingParameter.status).toBe(400);
      expect(missingParameter.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await missingParameter.json()).toEqual({ message: expect.any(String), code: 400 });
      const missingToken = await fetch(`${baseUrl}/api/v1/rpa/jobs?environment=default`);
      expect(missingToken.status).toBe(401);
      expect(await missingToken.json()).toEqual({ message: expect.any(String), code: 401 });
    } finally {
      await close(server);
    }
  });
});

/** What each calibrated mock's list shows of the tenant's shape, and which media type its 404 has. */
const shapes: Record<string, { list: RegExp; errorType: string }> = {
  camelCase: { list: /^\{"count":\d+,"jobs":\[\{"id":"[^"]+","jobName":/, errorType: 'application/problem+json' },
  'bare-array': { list: /^\[\{"id":/, errorType: 'application/problem+json' },
  'upper-case-enums': { list: /"status":"[A-Z]+"/, errorType: 'application/problem+json' },
  'swapped-types': { list: /"process_version":\d+,[\s\S]*"priority":"\d+"/, errorType: 'application/problem+json' },
  'plain-json-errors': { list: /^\{"count":/, errorType: 'application/json' },
  'epoch-milliseconds-and-nulls': { list: /"created_at":\d{13},/, errorType: 'application/problem+json' },
  'summary-items-in-a-wrapper': { list: /^\{"items":\[\{"id":/, errorType: 'application/problem+json' },
};

describe('proxy --overlay', () => {
  it('checks a camelCase tenant against its calibration: no violation, so --errors passes it on', async () => {
    const camel = reshapeBodies((body) => renameKeys(body, camelCase));
    const { file } = await calibrated('camelCase');
    const upstream = await startDriftingMock(camel);
    try {
      const base = { upstream: upstream.url, errors: true, timeoutMs: 5000, log: 'silent' as const, port: 0, host: '127.0.0.1' };
      const calibrated = await createProxy({ ...defaultProxyOptions, ...base, overlays: [file] });
      const plain = await createProxy({ ...defaultProxyOptions, ...base });
      const listPath = '/api/v1/rpa/jobs?environment=default';
      expect((await request(calibrated.app).get(listPath)).status).toBe(200);
      expect((await request(plain.app).get(listPath)).status).toBe(502);
    } finally {
      await upstream.close();
    }
  });
});

describe('an overlay that does not apply', () => {
  it('stops verify with exit 2, naming the action and its target', async () => {
    const file = path.join(dir, 'stale.overlay.yaml');
    writeFileSync(
      file,
      stringify({
        overlay: '1.0.0',
        info: { title: 'stale', version: '1' },
        actions: [{ target: "$['components']['schemas']['Gone']", update: { type: 'object' }, description: 'a schema renamed since' }],
      }),
    );
    await expect(runContract({ baseUrl: 'http://127.0.0.1:1', overlays: [file] })).rejects.toThrow(
      /stale\.overlay\.yaml: action 0 \(a schema renamed since\): target \$\['components'\]\['schemas'\]\['Gone'\] matches nothing in the spec/,
    );
  });

  it('stops with exit 2 when the result is no valid spec', async () => {
    const file = path.join(dir, 'invalid.overlay.yaml');
    writeFileSync(
      file,
      stringify({
        overlay: '1.0.0',
        info: { title: 'invalid', version: '1' },
        actions: [{ target: "$['paths']['/api/v1/rpa/jobs']['get']", update: { responses: 'none' }, description: 'breaks the responses' }],
      }),
    );
    await expect(runContract({ baseUrl: 'http://127.0.0.1:1', overlays: [file] })).rejects.toThrow(/is not valid OpenAPI 3\.1/);
  });
});
