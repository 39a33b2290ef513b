/**
 * `npm run bench`: the mock against a bare Express server sending the same precomputed JSON and
 * against Prism, on loopback, each server in its own process and the load from this one
 * (autocannon); start-up, memory, `verify`, and executions on two replicas sharing Redis. Bounded
 * in time: BENCH_SECONDS per load run (default 4). Exits 1 when a target is missed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JobIdCodec } from '../src/data/jobIds';
import { rssMegabytes } from './soakProcess';
import {
  cli,
  firstRequest,
  jobsPath,
  load,
  median,
  placement,
  seconds,
  serveMock,
  serveMockReadyAt,
  startProcess,
  stop,
  type Measured,
  type Started,
} from './benchProcess';
import { startPrismAnchor } from './prismAnchor';
import { measureReplicas } from './replicas';

interface Target {
  name: string;
  text: string;
  target: string;
  met: boolean;
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

/** Mock and bare alternate, three rounds each, and the median round counts: a noisy moment hurts both alike. */
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

/** Cold starts of the default mock, each timed from spawn to the first answer of the default list. */
async function timeStartups(count: number): Promise<number[]> {
  const startups: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = await serveMock();
    startups.push(started.startupMs);
    await stop(started.child);
  }
  return startups;
}

/** RSS of `--jobs 100000`: idle after start, after 2,000 GETs by id spread over all jobs, after listing default. */
async function measureMemory() {
  // Ready at the list of the processes: the default job list would hold 41,000 jobs before "idle".
  const large = await serveMockReadyAt('/api/v1/rpa/process?environment=default', '--jobs', '100000');
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idle = rssMegabytes(large.child.pid!);
    const codec = new JobIdCodec(42, 100_000);
    for (let i = 0; i < 2000; i++) await fetch(`${large.url}${jobsPath}/${codec.encode((i * 7919) % 100_000)}`);
    const afterGets = rssMegabytes(large.child.pid!);
    // The list is not paged (the API has no paging), so listing 41,000 jobs costs what their JSON costs.
    const listedBytes = (await (await fetch(`${large.url}${firstRequest}`)).arrayBuffer()).byteLength;
    return { idle, afterGets, afterList: rssMegabytes(large.child.pid!), listedBytes };
  } finally {
    await stop(large.child);
  }
}

/** The Prism run: the same list request; by id, the example jobs Prism serves (it answers 404 for the mock's ids). */
async function measurePrism(listPaths: string[]): Promise<{ runs: Measured[]; note: string; startupMs: number }> {
  const anchor = await startPrismAnchor();
  try {
    const list = (await (await fetch(`${anchor.server.url}${firstRequest}`)).json()) as { jobs: { id: string }[] };
    const idPaths = list.jobs.map((job) => `${jobsPath}/${job.id}`);
    const runs = [
      await load('prism  GET /jobs/{id}', anchor.server.url, idPaths),
      await load('prism  GET /jobs', anchor.server.url, listPaths),
    ];
    return { runs, note: `${anchor.note}; by id it serves its ${idPaths.length} example job(s)`, startupMs: anchor.server.startupMs };
  } finally {
    await stop(anchor.server.child);
  }
}

function printRuns(results: Measured[]): void {
  console.log('run                      req/s     p50 ms   p99 ms   errors');
  for (const r of results)
    console.log(
      `${r.name.padEnd(22)} ${r.requestsPerSecond.toFixed(0).padStart(8)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)} ${String(r.errors).padStart(8)}`,
    );
}

async function main(): Promise<void> {
  const children: Started[] = [];
  const scratch = mkdtempSync(path.join(tmpdir(), 'rpa-bench-'));
  try {
    const startups = await timeStartups(5);

    const mock = await serveMock();
    children.push(mock);
    const verifyMs = await timeVerify(mock.url);
    const list = await (await fetch(`${mock.url}${firstRequest}`)).text();
    const ids = (JSON.parse(list) as { jobs: { id: string }[] }).jobs.map((job) => job.id);
    const byId: Record<string, string> = {};
    for (const id of ids) byId[id] = await (await fetch(`${mock.url}${jobsPath}/${id}`)).text();
    const bodies = path.join(scratch, 'bodies.json');
    writeFileSync(bodies, JSON.stringify({ list, byId }));
    const bare = await startProcess([path.join(__dirname, 'bareServer.js'), bodies], 'stdout');
    children.push(bare);

    const idPaths = ids.map((id) => `${jobsPath}/${id}`);
    const listPaths = [firstRequest];
    const results = [
      ...(await compare('GET /jobs/{id}', mock.url, bare.url, idPaths)),
      ...(await compare('GET /jobs', mock.url, bare.url, listPaths)),
    ];
    await stop(mock.child);
    await stop(bare.child);

    const prism = await measurePrism(listPaths);
    const strict = await serveMock('--strict');
    children.push(strict);
    results.push(await load('strict GET /jobs/{id}', strict.url, idPaths));
    await stop(strict.child);
    // Faults: --latency 50 should show in p50, --error-rate 0.1 as a tenth of 500s.
    const faulty = await serveMock('--latency', '50', '--error-rate', '0.1');
    children.push(faulty);
    const faults = await load('faults GET /jobs/{id}', faulty.url, idPaths);
    await stop(faulty.child);

    const memory = await measureMemory();
    const replicas = await measureReplicas();

    const find = (name: string) => results.find((r) => r.name === name)!;
    const ratio = (name: string) => find(`mock   ${name}`).requestsPerSecond / find(`bare   ${name}`).requestsPerSecond;
    const versusPrism = (name: string) =>
      find(`mock   ${name}`).requestsPerSecond / prism.runs.find((r) => r.name === `prism  ${name}`)!.requestsPerSecond;
    console.log(
      `rpa-mock benchmark: loopback, 10 connections, ${seconds} s per run (median of 3 alternating rounds for mock and bare), Node ${process.version}, ${placement}\n`,
    );
    printRuns([...results, ...prism.runs]);
    console.log(`\n${prism.note}`);
    const startup = median(startups);
    const targets: Target[] = [
      {
        name: 'GET /jobs/{id} req/s, mock/bare (validation on)',
        text: ratio('GET /jobs/{id}').toFixed(2),
        target: '>= 0.9',
        met: ratio('GET /jobs/{id}') >= 0.9,
      },
      {
        name: 'GET /jobs (50 jobs) req/s, mock/bare',
        text: ratio('GET /jobs').toFixed(2),
        target: '>= 0.6',
        met: ratio('GET /jobs') >= 0.6,
      },
      { name: 'GET /jobs/{id} req/s, mock/prism', text: versusPrism('GET /jobs/{id}').toFixed(2), target: '(reported)', met: true },
      { name: 'GET /jobs req/s, mock/prism', text: versusPrism('GET /jobs').toFixed(2), target: '(reported)', met: true },
      {
        name: `start-up to first list (median of ${startups.length})`,
        text: `${startup.toFixed(0)} ms`,
        target: '< 500 ms',
        met: startup < 500,
      },
      { name: 'start-up of the prism anchor', text: `${prism.startupMs.toFixed(0)} ms`, target: '(reported)', met: true },
      { name: 'RSS idle with --jobs 100000', text: `${memory.idle.toFixed(0)} MB`, target: '< 100 MB', met: memory.idle < 100 },
      { name: 'RSS after 2,000 GETs by id', text: `${memory.afterGets.toFixed(0)} MB`, target: '(reported)', met: true },
      {
        name: `RSS after listing default (${(memory.listedBytes / 1e6).toFixed(0)} MB of JSON)`,
        text: `${memory.afterList.toFixed(0)} MB`,
        target: '(reported)',
        met: true,
      },
      { name: 'verify --allow-execute, start to exit', text: `${verifyMs.toFixed(0)} ms`, target: '< 1000 ms', met: verifyMs < 1000 },
    ];
    if ('skipped' in replicas) console.log(`\nskipped: ${replicas.skipped}`);
    else
      targets.push(
        { name: 'executes/s, 2 replicas on Redis', text: replicas.executesPerSecond.toFixed(0), target: '(reported)', met: true },
        {
          name: 'runs lost / jobs seen differently',
          text: `${replicas.lost} / ${replicas.seenDifferently}`,
          target: '0 / 0',
          met: replicas.lost === 0 && replicas.seenDifferently === 0 && replicas.failed === 0,
        },
      );
    console.log('\nmeasure                                            value       target');
    for (const t of targets) console.log(`${t.name.padEnd(50)} ${t.text.padStart(9)}   ${t.target.padEnd(11)} ${t.met ? 'met' : 'MISSED'}`);
    console.log(`\nstart-ups: ${startups.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    if (!('skipped' in replicas))
      console.log(
        `replicas: 1000 concurrent executes over ${replicas.jobs} active jobs, alternating between 2 replicas: ${replicas.accepted} answered 202, ${replicas.failed} failed`,
      );
    console.log(
      `with --latency 50 --error-rate 0.1: p50 ${faults.p50} ms, p99 ${faults.p99} ms, ${faults.errors} of ${faults.total} answers were 500 (${((faults.errors / faults.total) * 100).toFixed(1)} %)`,
    );
    const failedRuns = [...results, ...prism.runs].filter((r) => r.errors > 0);
    if (failedRuns.length > 0)
      console.log(`\nsome requests failed (${failedRuns.map((r) => r.name.trim()).join(', ')}); the figures are not trustworthy`);
    process.exitCode = targets.every((t) => t.met) && failedRuns.length === 0 ? 0 : 1;
  } finally {
    for (const started of children) started.child.kill();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exitCode = 2;
});
