import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { close, createMock, listen } from '../src';
import { exitCodeOf, formatReport, readIonApi, runContract, tokenSource, type ContractReport } from '../src/contract';
import { calibrateTenant } from '../src/contract/calibrate/calibrateTenant';
import { sweep } from '../src/data/testing/sweep';
import { isJobById, startDriftingMock, type Transform } from './support/driftingMock';
import { startGatewayStandIn } from './support/gatewayStandIn';
import { jobsPath } from './support/startMock';
import { composedTenant, transformOf, type ComposedTenant } from './support/tenantFamily';
import { conformingTraits } from './support/tenantHabits';

const dir = mkdtempSync(path.join(tmpdir(), 'rpa-composed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const noWait = async () => undefined;
// A stand-in starts no robot: every tenant is executed too, so an execution's answer is learned and served.
const base = { retries: 0, timeoutMs: 5000, wait: noWait, maxJobs: 3, allowExecute: true };
let n = 0;
/** Tenants tried, by kind and by conforming habit, and the requests a gateway refused as expired, printed at the end of a full sweep. */
const tally = new Map<string, number>();
const count = (kind: string, by = 1) => tally.set(kind, (tally.get(kind) ?? 0) + by);
afterAll(() => {
  if (process.env.FULL_PROPERTIES === '1') process.stdout.write(`composed tenants: ${JSON.stringify(Object.fromEntries(tally))}\n`);
});

/**
 * The tenant on ports of its own: the drifting mock, behind a gateway when the tenant has one, and
 * how verify reaches it (the gateway's API base and an `.ionapi` token source on its clock).
 */
async function startTenant(tenant: ComposedTenant, transform: Transform) {
  if (!tenant.gateway) {
    const standIn = await startDriftingMock(transform);
    return { reach: { baseUrl: standIn.url }, close: standIn.close };
  }
  const gateway = await startGatewayStandIn({ ...tenant.gateway, upstream: (authToken) => startDriftingMock(transform, { authToken }) });
  const tokens = tokenSource(await readIonApi(gateway.writeIonApi(dir)), { timeoutMs: base.timeoutMs, now: gateway.now });
  return {
    // Six jobs and processes by id, four at a time: requests in flight cross a token's end.
    reach: { baseUrl: gateway.baseUrl, tokenSource: tokens, maxJobs: 6 },
    async close() {
      count('requests a gateway refused as expired (each sent again)', gateway.seen.expiredRefusals);
      await gateway.close();
    },
  };
}

/** An answer's headers and bytes as they came, not decoded (fetch would undo the codings). */
function rawGet(url: string, token: string | undefined) {
  return new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** The verdict, and whether a list was left unread (a warning, which the exit code alone would hide). */
function verdictOf(report: ContractReport) {
  const text = formatReport(report);
  return { exitCode: exitCodeOf(report), unread: /the list was read in \d+ pages? and stopped/.test(text), text };
}

async function verifyAt(tenant: ComposedTenant, transform: Transform, overlays: string[] = []) {
  const standIn = await startTenant(tenant, transform);
  try {
    const report = await runContract({ ...base, ...standIn.reach, overlays });
    return { ...verdictOf(report), report };
  } finally {
    await standIn.close();
  }
}

/**
 * Tenants composed at random from a family of departures (names, envelopes, types and shapes of
 * any inferred node, formats, values, bounds, nulls left out) and conforming habits (a charset, an
 * extra field of any type, content codings, chunking, latency, a gateway whose tokens expire):
 * whatever the composition, the verdict is right, calibration learns it, the calibrated mock
 * serves it, and a documented field dropped later still fails.
 */
describe('composed stand-in tenants', () => {
  // Conforming habits pass whether or not they happen: first, that the bytes do cross as they say.
  it.each([
    ['directly', false],
    ['behind a gateway', true],
  ])('send what their wire habits ask, %s', async (_, behind) => {
    const traits = conformingTraits.filter((trait) => /^(gzip|br)-encoded|^chunked|late$/.test(trait.name));
    const tenant = { traits, departs: false, name: '', gateway: behind ? { expiresIn: 60 } : undefined };
    const standIn = await startTenant(tenant, transformOf(traits));
    try {
      const token = behind ? await standIn.reach.tokenSource?.current() : undefined;
      const started = performance.now();
      const answer = await rawGet(`${standIn.reach.baseUrl}${jobsPath}?environment=default`, token);
      expect(performance.now() - started).toBeGreaterThanOrEqual(10);
      expect(answer.headers).toMatchObject({ 'content-encoding': 'gzip, br', 'transfer-encoding': 'chunked' });
      expect(answer.headers['content-length']).toBeUndefined();
      const json = JSON.parse(gunzipSync(brotliDecompressSync(answer.body)).toString()) as { jobs: unknown[] };
      expect(json.jobs.length).toBeGreaterThan(0);
    } finally {
      await standIn.close();
    }
  });

  it('get the right verdict, calibrate to a pass, and are served by serve --overlay', async () => {
    await fc.assert(
      fc.asyncProperty(composedTenant, async (tenant) => {
        const { traits, departs, name } = tenant;
        count(departs ? 'departing' : 'conforming');
        for (const trait of traits) if (conformingTraits.includes(trait)) count(trait.name);
        if (tenant.gateway) count('behind a gateway');
        if (tenant.gateway?.refreshTokens) count('behind a gateway issuing refresh tokens');
        if (tenant.gateway?.requestsPerToken) count('behind a gateway refusing a token after some uses');
        const transform = transformOf(traits);
        const { report: firstReport, ...first } = await verifyAt(tenant, transform);
        expect({ name, ...first }).toMatchObject({ exitCode: departs ? 1 : 0, unread: false });
        if (!departs) return;
        // Calibrate, then verify the same tenant with the overlay.
        const standIn = await startTenant(tenant, transform);
        const file = path.join(dir, `tenant-${n++}.overlay.yaml`);
        try {
          const { overlay } = await calibrateTenant({ ...base, ...standIn.reach });
          writeFileSync(file, stringify(overlay, { lineWidth: 0 }));
          const calibrated = await runContract({ ...base, ...standIn.reach, overlays: [file] });
          expect({ name, ...verdictOf(calibrated) }).toMatchObject({ exitCode: 0, unread: false });
        } finally {
          await standIn.close();
        }
        // The calibrated mock answers in the tenant's shape, which verify --overlay passes (no gateway: the shape is the point).
        const mock = await createMock({ log: 'silent', strict: true, jobs: 20, overlays: [file] });
        const server = await listen(mock.app, '127.0.0.1', 0);
        try {
          const served = await runContract({
            ...base,
            baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
            overlays: [file],
          });
          expect({ name, served: true, ...verdictOf(served) }).toMatchObject({ exitCode: 0, unread: false });
          // In the tenant's shape: without the overlay, the served mock departs as the tenant does, but
          // where a learned object or array shape (the runs keyed by id) is served in the documented one.
          const unshaped = await runContract({ ...base, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
          const structural = (cause: { key: string; message: string }) =>
            /^learned:type:/.test(cause.key) && / is (object|array)\b/.test(cause.message);
          const expected = firstReport.rootCauses.filter((cause) => !structural(cause)).map((cause) => cause.key);
          expect({ name, causes: unshaped.rootCauses.map((cause) => cause.key).sort() }).toEqual({ name, causes: expected.sort() });
        } finally {
          await close(server);
        }
        // A documented field the tenant drops after calibration still fails.
        const dropped = await verifyAt(
          tenant,
          (p) => {
            const out = transform(p, async () => undefined) as ReturnType<Transform> & { body: string; status: number };
            if (!isJobById(p) || out.status !== 200) return out;
            const job = JSON.parse(out.body) as Record<string, unknown>;
            for (const key of Object.keys(job)) if (/^job_?name$/i.test(key)) delete job[key];
            return { ...out, body: JSON.stringify(job) };
          },
          [file],
        );
        expect({ name, dropped: true, exitCode: dropped.exitCode, unread: dropped.unread, text: dropped.text }).toMatchObject({
          exitCode: 1,
          unread: false,
        });
        expect(dropped.text).toMatch(/is required \[rule: required\] \(documented\)/);
      }),
      // Each tenant takes about a second: no shrinking on CI's 200, the failing tenant is named as it is.
      { numRuns: sweep(2, 200), seed: Number(process.env.TENANT_SEED ?? 20261203), endOnFailure: true },
    );
  }, 1_800_000);
});
