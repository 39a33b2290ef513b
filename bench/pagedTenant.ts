/**
 * `npm run bench:tenant`: the time and peak memory of `calibrate`, then `verify --overlay`, against
 * a large paged tenant: the mock with BENCH_JOBS jobs (default 5,000) behind a stand-in that pages
 * the job list Spring's way (`{ content, totalElements, totalPages, number, size }`, 50 a page),
 * each command a child process whose RSS is sampled every 100 ms. Exits 1 when a command fails.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { close, createMock, listen } from '../src';
import { rssMegabytes } from './soakProcess';

const jobs = Number(process.env.BENCH_JOBS ?? 5000);
const pageSize = 50;
const bin = path.resolve(__dirname, '../../dist/cli/main.js');

/** The mock behind a Spring-paging front; the whole list is fetched once per query and sliced per page. */
async function startPagedTenant() {
  const mock = await createMock({ log: 'silent', jobs });
  const mockServer = await listen(mock.app, '127.0.0.1', 0);
  const mockUrl = `http://127.0.0.1:${(mockServer.address() as AddressInfo).port}`;
  const lists = new Map<string, Promise<unknown[]>>();
  const front = createServer((req, res) => {
    const url = new URL(req.url!, 'http://tenant');
    const answer = async () => {
      if (req.method !== 'GET' || url.pathname !== '/api/v1/rpa/jobs') {
        const upstream = await fetch(`${mockUrl}${req.url}`, { method: req.method, headers: { 'content-type': 'application/json' } });
        return { status: upstream.status, type: upstream.headers.get('content-type') ?? 'application/json', body: await upstream.text() };
      }
      const page = Number(url.searchParams.get('page') ?? 0);
      const size = Number(url.searchParams.get('size') ?? pageSize);
      url.searchParams.delete('page');
      url.searchParams.delete('size');
      const key = url.search;
      if (!lists.has(key))
        lists.set(
          key,
          fetch(`${mockUrl}/api/v1/rpa/jobs${key}`).then(async (r) => ((await r.json()) as { jobs: unknown[] }).jobs),
        );
      const all = await lists.get(key)!;
      const content = all.slice(page * size, (page + 1) * size);
      const body = { content, totalElements: all.length, totalPages: Math.ceil(all.length / size), number: page, size };
      return { status: 200, type: 'application/json', body: JSON.stringify(body) };
    };
    answer()
      .then(({ status, type, body }) => res.writeHead(status, { 'Content-Type': type }).end(body))
      .catch((error: Error) => res.writeHead(502).end(error.message));
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    async close() {
      front.closeAllConnections();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await close(mockServer);
    },
  };
}

/** Runs the CLI with `args`; its wall time, peak RSS and exit code. */
function run(args: string[]): Promise<{ seconds: number; peakMb: number; code: number; stdout: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    let peakMb = 0;
    const timer = setInterval(() => (peakMb = Math.max(peakMb, rssMegabytes(child.pid!))), 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ seconds: (performance.now() - started) / 1000, peakMb, code: code ?? 1, stdout });
    });
  });
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'rpa-bench-tenant-'));
  const tenant = await startPagedTenant();
  try {
    const overlay = path.join(dir, 'tenant.overlay.yaml');
    const common = ['--base-url', tenant.url, '--max-jobs', '20'];
    const calibrated = await run(['calibrate', ...common, '--out', overlay]);
    const verified = await run(['verify', ...common, '--overlay', overlay]);
    const line = (name: string, r: Awaited<ReturnType<typeof run>>) =>
      `${name.padEnd(18)} ${r.seconds.toFixed(1).padStart(6)} s  peak RSS ${String(Math.round(r.peakMb)).padStart(4)} MB  exit ${r.code}`;
    process.stdout.write(`paged tenant: ${jobs} jobs, ${pageSize} a page (Spring style)\n`);
    process.stdout.write(`${line('calibrate', calibrated)}\n${line('verify --overlay', verified)}\n`);
    if (calibrated.code !== 0 || verified.code !== 0) {
      process.stdout.write(calibrated.stdout + verified.stdout);
      process.exitCode = 1;
    }
  } finally {
    await tenant.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
