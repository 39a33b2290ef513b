import { spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { close, createMock, listen } from '../src';
import {
  formatReport,
  maskSecrets,
  readIonApi,
  runContract,
  baseUrlOf,
  tokenSource,
  type ContractReport,
  type TokenSource,
} from '../src/contract';

/**
 * The contract suite, driven by the same checks as `rpa-mock verify`, one test per check.
 * By default against the mock, in this process. Against a live deployment:
 *   RPA_BASE_URL=https://<gateway>/<TENANT>/RPA RPA_TOKEN=… npm run test:contract
 * (or RPA_IONAPI=path/to/file.ionapi; RPA_ENVIRONMENT, RPA_ALLOW_EXECUTE=1, RPA_OVERLAY=tenant.overlay.yaml optional).
 */
const live = process.env.RPA_BASE_URL !== undefined || process.env.RPA_IONAPI !== undefined;
const mockToken = 'contract-suite-token';
const hasCredentials = !live || process.env.RPA_TOKEN !== undefined || process.env.RPA_IONAPI !== undefined;

// The plan is known before anything is sent, so each check can be its own test.
const bin = path.resolve(__dirname, '../dist/cli/main.js');
const plan = spawnSync(process.execPath, [bin, 'verify', '--list-checks', ...(hasCredentials ? ['--token', 'planning'] : [])], {
  encoding: 'utf8',
});
if (plan.status !== 0) throw new Error(`cannot list the checks (run npm run build first): ${plan.stderr}`);
const planned = plan.stdout
  .trim()
  .split('\n')
  .map((line) => line.split('\t') as [string, string]);

let report: ContractReport;
let server: Server | undefined;
let secrets: readonly (string | undefined)[] = [];

beforeAll(async () => {
  let baseUrl: string;
  let token: string | undefined;
  let tokens: TokenSource | undefined;
  if (live) {
    const credentials = process.env.RPA_IONAPI ? await readIonApi(process.env.RPA_IONAPI) : undefined;
    baseUrl = process.env.RPA_BASE_URL ?? baseUrlOf(credentials!);
    // The file's tokens are renewed as they expire; the list of secrets grows with them.
    tokens = credentials ? tokenSource(credentials, { timeoutMs: 10_000 }) : undefined;
    token = credentials ? undefined : process.env.RPA_TOKEN;
    secrets = tokens?.secrets ?? [token];
  } else {
    const mock = await createMock({ log: 'silent', strict: true, authToken: mockToken });
    server = await listen(mock.app, '127.0.0.1', 0);
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    token = mockToken;
  }
  report = await runContract({
    baseUrl,
    token,
    tokenSource: tokens,
    environment: process.env.RPA_ENVIRONMENT ?? 'default',
    allowExecute: !live || process.env.RPA_ALLOW_EXECUTE === '1',
    // A tenant's calibration (rpa-mock calibrate), comma-separated when there are several.
    overlays: process.env.RPA_OVERLAY?.split(',').filter(Boolean),
  });
}, 120_000);

afterAll(async () => {
  if (server) await close(server);
});

describe(`the contract of ${live ? 'the deployment at RPA_BASE_URL' : 'the mock'}`, () => {
  it.each(planned)('%s: %s', (id) => {
    const result = report.checks.find((check) => check.id === id);
    expect(result).toBeDefined();
    if (result!.outcome === 'failed' || result!.outcome === 'error') {
      const single: ContractReport = { ...report, checks: [result!] };
      throw new Error(maskSecrets(formatReport(single), secrets));
    }
    if (!live) expect(result!.outcome).toBe('passed');
  });
});
