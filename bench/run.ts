/**
 * `npm run bench`: the mock against a bare Express server sending the same precomputed JSON, on
 * loopback, each server in its own process and the load from this one (autocannon). Bounded in
 * time: BENCH_SECONDS per run (default 5). Exits 1 when a target is missed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { JobIdCodec } from '../src/data/jobIds';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli/main.js');
const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const jobsPath = '/api/v1/rpa/jobs';

/**
 * Where available, each server runs alone on the last core and the load generator (this process)
 * on the others, so the servers compare on equal terms rather than fighting autocannon for CPU.
 */
const cores = availableParallelism();
const pinned = cores > 1 && spawnSync('taskset', ['-V']).status === 0;
const serverCommand = pinned ? ['taskset', '-c', String(cores - 1), process.execPath] : [process.execPath];
if (pinned) spawnSync('taskset', ['-cp', `0-${cores - 2}`, String(process.pid)], { stdio: 'ignore' });

interface Measured {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
}

/** Starts a child process and resolves with its base URL once it answers. */
async function startProcess(
  args: string[],
  readPort: 'banner' | 'stdout',
): Promise<{ child: ChildProcess; url: string; startupMs: number }> {
  const started = performance.now();
  // The mock's request log (one JSON line per request) is written, as by default, and discarded.
  const child = spawn(serverCommand[0]!, [...serverCommand.slice(1), ...args], {
    stdio: ['ignore', readPort === 'banner' ? 'ignore' : 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const stream = readPort === 'banner' ? child.stderr! : child.stdout!;
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = readPort === 'banner' ? /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1] : /^(\d+)\n/.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${output}`)));
  });
  // Start-up ends with the first answer, not with the port being bound.
  while ((await fetch(`${url}${jobsPath}/00000000-0000-4000-8000-000000000000`).catch(() => undefined)) === undefined);
  return { child, url, startupMs: performance.now() - started };
}

function serveMock(...flags: string[]) {
  return startProcess([cli, 'serve', '--port', '0', '--log-format', 'json', ...flags], 'banner');
}

async function load(name: string, url: string, paths: string[]): Promise<Measured> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: 10,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }],
  });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    total: result.requests.total,
  };
}

/** Wall time of `rpa-mock verify --allow-execute` against the mock, from process start to exit. */
async function timeVerify(url: string): Promise<number> {
  const started = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    spawn(process.execPath, [cli, 'verify', '--base-url', url, '--allow-execute'], { stdio: 'ignore' }).on('exit', resolve);
  });
  if (code !== 0) throw new Error(`verify against the mock exited with ${code}`);
  return performance.now() - started;
}

async function compare(name: string, mockUrl: string, bareUrl: string, paths: string[]): Promise<Measured[]> {
  const mockRuns: Measured[] = [];
  const bareRuns: Measured[] = [];
  for (let round = 0; round < 3; round++) {
    mockRuns.push(await load(`mock   ${name}`, mockUrl, paths));
    bareRuns.push(await load(`bare   ${name}`, bareUrl, paths));
  }
  const middle = (runs: Measured[]) => [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[1]!;
  return [middle(mockRuns), middle(bareRuns)];
}

function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const children: ChildProcess[] = [];
  const scratch = mkdtempSync(path.join(tmpdir(), 'rpa-bench-'));
  try {
    // Start-up: three cold starts of the default mock, time to its first answer.
    const startups: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = await serveMock();
      startups.push(started.startupMs);
      started.child.kill();
    }

    const mock = await serveMock();
    children.push(mock.child);
    const verifyMs = await timeVerify(mock.url);
    const list = await (await fetch(`${mock.url}${jobsPath}?environment=default`)).text();
    const ids = (JSON.parse(list) as { jobs: { id: string }[] }).jobs.map((job) => job.id);
    const byId: Record<string, string> = {};
    for (const id of ids) byId[id] = await (await fetch(`${mock.url}${jobsPath}/${id}`)).text();
    const bodies = path.join(scratch, 'bodies.json');
    writeFileSync(bodies, JSON.stringify({ list, byId }));
    const bare = await startProcess([path.join(__dirname, 'bareServer.js'), bodies], 'stdout');
    children.push(bare.child);

    const idPaths = ids.map((id) => `${jobsPath}/${id}`);
    const listPaths = [`${jobsPath}?environment=default`];
    // Mock and bare alternate, three rounds each, and the median round counts: a noisy moment
    // on the machine then hurts both alike.
    const results = [
      ...(await compare('GET /jobs/{id}', mock.url, bare.url, idPaths)),
      ...(await compare('GET /jobs', mock.url, bare.url, listPaths)),
    ];
    mock.child.kill();
    const strict = await serveMock('--strict');
    children.push(strict.child);
    results.push(await load('strict GET /jobs/{id}', strict.url, idPaths));
    strict.child.kill();
    // Faults: --latency 50 should show in p50, --error-rate 0.1 as a tenth of 500s.
    const faulty = await serveMock('--latency', '50', '--error-rate', '0.1');
    children.push(faulty.child);
    const faults = await load('faults GET /jobs/{id}', faulty.url, idPaths);
    faulty.child.kill();

    // Memory: 100,000 jobs, at start and after 2,000 GETs by id of jobs spread over all of them.
    const large = await serveMock('--jobs', '100000');
    children.push(large.child);
    const rssAtStart = rssMegabytes(large.child.pid!);
    const codec = new JobIdCodec(42, 100_000);
    for (let i = 0; i < 2000; i++) await fetch(`${large.url}${jobsPath}/${codec.encode((i * 7919) % 100_000)}`);
    const rssAfterUse = rssMegabytes(large.child.pid!);
    // The list is not paged (the API has no paging), so listing 41,000 jobs costs what their JSON costs.
    const listed = await fetch(`${large.url}${jobsPath}?environment=default`);
    const listedBytes = (await listed.arrayBuffer()).byteLength;
    const rssAfterList = rssMegabytes(large.child.pid!);

    const ratio = (name: string) =>
      results.find((r) => r.name === `mock   ${name}`)!.requestsPerSecond /
      results.find((r) => r.name === `bare   ${name}`)!.requestsPerSecond;
    console.log(
      `rpa-mock benchmark: loopback, 10 connections, ${seconds} s per run (median of 3 alternating rounds for mock and bare), Node ${process.version}, ${pinned ? `servers on core ${cores - 1}, load on the others` : 'servers and load sharing the cores'}\n`,
    );
    console.log('run                      req/s     p50 ms   p99 ms   errors');
    for (const r of results)
      console.log(
        `${r.name.padEnd(22)} ${r.requestsPerSecond.toFixed(0).padStart(8)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)} ${String(r.errors).padStart(8)}`,
      );
    const targets = [
      {
        name: 'by-id throughput, mock/bare (validation on)',
        value: ratio('GET /jobs/{id}'),
        text: ratio('GET /jobs/{id}').toFixed(2),
        met: ratio('GET /jobs/{id}') >= 0.6,
        target: '>= 0.6',
      },
      {
        name: 'list throughput, mock/bare',
        value: ratio('GET /jobs'),
        text: ratio('GET /jobs').toFixed(2),
        met: true,
        target: '(reported)',
      },
      {
        name: 'full verify against the local mock (CLI)',
        value: verifyMs,
        text: `${verifyMs.toFixed(0)} ms`,
        met: verifyMs < 5000,
        target: '< 5000 ms',
      },
      {
        name: 'start-up to first answer (median of 3)',
        value: median(startups),
        text: `${median(startups).toFixed(0)} ms`,
        met: median(startups) < 1000,
        target: '< 1000 ms',
      },
      {
        name: 'RSS with --jobs 100000, at start',
        value: rssAtStart,
        text: `${rssAtStart.toFixed(0)} MB`,
        met: rssAtStart < 150,
        target: '< 150 MB',
      },
      {
        name: 'RSS with --jobs 100000, after 2,000 GETs by id',
        value: rssAfterUse,
        text: `${rssAfterUse.toFixed(0)} MB`,
        met: rssAfterUse < 150,
        target: '< 150 MB',
      },
      {
        name: `RSS after listing default (${(listedBytes / 1e6).toFixed(0)} MB of JSON)`,
        value: rssAfterList,
        text: `${rssAfterList.toFixed(0)} MB`,
        met: true,
        target: '(reported)',
      },
    ];
    console.log('\nmeasure                                        value       target      ');
    for (const t of targets) console.log(`${t.name.padEnd(46)} ${t.text.padStart(9)}   ${t.target.padEnd(11)} ${t.met ? 'met' : 'MISSED'}`);
    console.log(
      `\nwith --latency 50 --error-rate 0.1: p50 ${faults.p50} ms, p99 ${faults.p99} ms, ${faults.errors} of ${faults.total} answers were 500 (${((faults.errors / faults.total) * 100).toFixed(1)} %)`,
    );
    if (results.some((r) => r.errors > 0)) console.log('\nsome requests failed; the figures above are not trustworthy');
    process.exitCode = targets.every((t) => t.met) && results.every((r) => r.errors === 0) ? 0 : 1;
  } finally {
    for (const child of children) child.kill();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exitCode = 2;
});
