/**
 * `npm run soak`: memory and latency under hostile or huge inputs, each scenario against a fresh
 * server process on loopback. Prints throughput, errors and an RSS curve per scenario and exits 1
 * when a target is missed. Bounded in time: each scenario stops after BENCH_SECONDS (default 60).
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { JobIdCodec } from '../src/data/jobIds';
import { rssMegabytes, startServer, type Started } from './soakProcess';

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const jobsPath = '/api/v1/rpa/jobs';

interface Target {
  name: string;
  value: number;
  unit: string;
  limit: number;
}

interface Scenario {
  name: string;
  requests: number;
  errors: number;
  elapsedMs: number;
  curve: number[];
  targets: Target[];
  notes: string[];
}

/** Samples a process's RSS every 100 ms until stopped; the curve keeps one sample in ten. */
function sampleRss(pid: number): { stop: () => { peak: number; curve: number[] } } {
  const samples: number[] = [];
  const timer = setInterval(() => {
    const rss = rssMegabytes(pid);
    if (rss > 0) samples.push(rss);
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return { peak: Math.max(0, ...samples), curve: samples.filter((_, i) => i % 10 === 0) };
    },
  };
}

/** Reads a whole answer, counting its bytes; never throws (a dropped connection is an error). */
async function fetchBytes(url: string, init?: RequestInit): Promise<{ status: number; bytes: number; text?: string; keep?: boolean }> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(seconds * 1000) });
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, bytes: body.length, text: body.length < 200_000 ? body.toString() : undefined };
  } catch {
    return { status: 0, bytes: 0 };
  }
}

async function withServer(args: string[], run: (server: Started) => Promise<Scenario>): Promise<Scenario> {
  const server = await startServer(args);
  try {
    return await run(server);
  } finally {
    server.child.kill('SIGKILL');
  }
}

const deadline = () => performance.now() + seconds * 1000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** 15 lists of the default environment of a 20,000-job mock, one after another. */
function listsOf20k(): Promise<Scenario & { sample?: Buffer }> {
  return withServer(['serve', '--jobs', '20000'], async ({ url, child }) => {
    const rss = sampleRss(child.pid!);
    const started = performance.now();
    const end = deadline();
    let requests = 0;
    let errors = 0;
    let bytes = 0;
    for (let i = 0; i < 15 && performance.now() < end; i++) {
      const answer = await fetchBytes(`${url}${jobsPath}?environment=default`);
      requests++;
      bytes += answer.bytes;
      if (answer.status !== 200) errors++;
    }
    const elapsedMs = performance.now() - started;
    await pause(1000);
    const after = rssMegabytes(child.pid!);
    const { peak, curve } = rss.stop();
    return {
      name: '15 lists of a 20,000-job environment',
      requests,
      errors: errors + (15 - requests),
      elapsedMs,
      curve,
      targets: [{ name: 'RSS 1 s after the lists', value: after || Infinity, unit: 'MB', limit: 350 }],
      notes: [`${(bytes / 1e6).toFixed(0)} MB sent, peak RSS ${peak.toFixed(0)} MB`],
    };
  });
}

/** 150 `_execute` bodies of 100 KB, each with thousands of invalid input arguments. */
function badExecuteBodies(): Promise<Scenario> {
  return withServer(['serve'], async ({ url, child }) => {
    const id = new JobIdCodec(42, 50).encode(0);
    const args: string[] = [];
    for (let i = 0; args.join(',').length < 100 * 1024 - 100; i++) args.push(`"a${i}":{}`);
    const body = `{"input_arguments":{${args.join(',')}}}`;
    const rss = sampleRss(child.pid!);
    const started = performance.now();
    const end = deadline();
    let requests = 0;
    let errors = 0;
    let largest = 0;
    for (let i = 0; i < 150 && performance.now() < end; i++) {
      const answer = await fetchBytes(`${url}${jobsPath}/${id}/_execute`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      requests++;
      largest = Math.max(largest, answer.bytes);
      if (answer.status !== 400) errors++;
    }
    const elapsedMs = performance.now() - started;
    await pause(1000);
    const after = rssMegabytes(child.pid!);
    const { peak, curve } = rss.stop();
    return {
      name: `150 bad _execute bodies of ${(body.length / 1024).toFixed(0)} KB (${args.length} violations each)`,
      requests,
      errors: errors + (150 - requests),
      elapsedMs,
      curve,
      targets: [
        { name: 'RSS 1 s after', value: after || Infinity, unit: 'MB', limit: 300 },
        { name: 'largest error body', value: largest / 1024, unit: 'KB', limit: 64 },
      ],
      notes: [`peak RSS ${peak.toFixed(0)} MB`],
    };
  });
}

/** 3 concurrent lists of the default environment of 100,000 jobs, with GETs by id meanwhile. */
function concurrentHugeLists(): Promise<Scenario> {
  return withServer(['serve', '--jobs', '100000'], async ({ url, child }) => {
    const codec = new JobIdCodec(42, 100_000);
    const rss = sampleRss(child.pid!);
    const started = performance.now();
    let listing = true;
    const lists = Promise.all([0, 1, 2].map(() => fetchBytes(`${url}${jobsPath}?environment=default`))).finally(() => (listing = false));
    const latencies: number[] = [];
    let byIdErrors = 0;
    await pause(200);
    for (let i = 0; listing; i++) {
      const sent = performance.now();
      const answer = await fetchBytes(`${url}${jobsPath}/${codec.encode((i * 7919) % 100_000)}`);
      latencies.push(performance.now() - sent);
      if (answer.status !== 200) byIdErrors++;
      await pause(20);
    }
    const answers = await lists;
    const elapsedMs = performance.now() - started;
    const { peak, curve } = rss.stop();
    await pause(5000);
    const after = rssMegabytes(child.pid!);
    const sorted = [...latencies].sort((a, b) => a - b);
    const p90 = sorted[Math.floor(sorted.length * 0.9)] ?? Infinity;
    const listErrors = answers.filter((a) => a.status !== 200).length;
    return {
      name: '3 concurrent lists of a 100,000-job environment, GETs by id meanwhile',
      requests: 3 + latencies.length,
      errors: listErrors + byIdErrors,
      elapsedMs,
      curve,
      targets: [
        { name: 'GET by id during the lists, p90', value: p90, unit: 'ms', limit: 250 },
        { name: 'peak RSS', value: peak, unit: 'MB', limit: 400 },
        { name: 'RSS 5 s after', value: after || Infinity, unit: 'MB', limit: 250 },
      ],
      notes: [
        `${latencies.length} GETs by id, max ${Math.max(0, ...latencies).toFixed(0)} ms; lists of ${answers.map((a) => (a.bytes / 1e6).toFixed(0)).join(', ')} MB`,
      ],
    };
  });
}

/** An upstream that answers every request with the same large body. */
async function hugeUpstream(body: Buffer): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    res.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${address.port}` };
}

/** The proxy passing 25 upstream answers of about 20 MB. */
async function proxyHugeAnswers(): Promise<Scenario> {
  const source = await startServer(['serve', '--jobs', '20000']);
  const list = Buffer.from(await (await fetch(`${source.url}${jobsPath}?environment=default`)).arrayBuffer());
  source.child.kill('SIGKILL');
  const upstream = await hugeUpstream(list);
  try {
    return await withServer(['proxy', '--upstream', upstream.url], async ({ url, child }) => {
      const rss = sampleRss(child.pid!);
      const started = performance.now();
      const end = deadline();
      let requests = 0;
      let errors = 0;
      for (let i = 0; i < 25 && performance.now() < end; i++) {
        const answer = await fetchBytes(`${url}${jobsPath}?environment=default`);
        requests++;
        if (answer.status !== 200 || answer.bytes !== list.length) errors++;
      }
      const elapsedMs = performance.now() - started;
      await pause(1000);
      const after = rssMegabytes(child.pid!);
      const { peak, curve } = rss.stop();
      return {
        name: `proxy: 25 upstream answers of ${(list.length / 1e6).toFixed(0)} MB`,
        requests,
        errors: errors + (25 - requests),
        elapsedMs,
        curve,
        targets: [{ name: 'peak RSS', value: Math.max(peak, after) || Infinity, unit: 'MB', limit: 500 }],
        notes: [`RSS 1 s after ${after.toFixed(0)} MB`],
      };
    });
  } finally {
    upstream.server.close();
    upstream.server.closeAllConnections();
  }
}

function print(scenario: Scenario): boolean {
  console.log(`\n${scenario.name}`);
  const perSecond = scenario.requests / (scenario.elapsedMs / 1000);
  console.log(
    `  ${scenario.requests} requests in ${(scenario.elapsedMs / 1000).toFixed(1)} s (${perSecond.toFixed(1)}/s), ${scenario.errors} errors`,
  );
  for (const note of scenario.notes) console.log(`  ${note}`);
  console.log(`  RSS curve (MB, every second): ${scenario.curve.map((mb) => mb.toFixed(0)).join(' ')}`);
  let met = scenario.errors === 0;
  for (const t of scenario.targets) {
    const ok = t.value < t.limit;
    met &&= ok;
    console.log(
      `  ${t.name.padEnd(36)} ${t.value.toFixed(0).padStart(6)} ${t.unit.padEnd(3)} target < ${t.limit} ${t.unit}  ${ok ? 'met' : 'MISSED'}`,
    );
  }
  if (scenario.errors > 0) console.log('  MISSED: some requests failed');
  return met;
}

async function main(): Promise<void> {
  console.log(`rpa-mock soak: loopback, Node ${process.version}, at most ${seconds} s per scenario`);
  let met = true;
  for (const scenario of [listsOf20k, badExecuteBodies, concurrentHugeLists, proxyHugeAnswers]) met = print(await scenario()) && met;
  process.exitCode = met ? 0 : 1;
}

main().catch((error: Error) => {
  console.error(`soak failed: ${error.message}`);
  process.exitCode = 2;
});
