import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

export const cli = path.resolve(__dirname, '../../dist/cli/main.js');
export const seconds = Number(process.env.BENCH_SECONDS ?? 4);
export const jobsPath = '/api/v1/rpa/jobs';
/** The request whose first answer ends start-up: the list of the default environment. */
export const firstRequest = `${jobsPath}?environment=default`;

/**
 * Where available, each server runs alone on the last core and the load generator (this process)
 * on the others, so the servers compare on equal terms rather than fighting autocannon for CPU.
 */
const cores = availableParallelism();
export const pinned = cores > 1 && spawnSync('taskset', ['-V']).status === 0;
const serverCommand = pinned ? ['taskset', '-c', String(cores - 1), process.execPath] : [process.execPath];
if (pinned) spawnSync('taskset', ['-cp', `0-${cores - 2}`, String(process.pid)], { stdio: 'ignore' });
export const placement = pinned ? `servers on core ${cores - 1}, load on the others` : 'servers and load sharing the cores';

export interface Measured {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
}

export interface Started {
  child: ChildProcess;
  url: string;
  startupMs: number;
}

/** How a started process tells its port: the mock's banner on stderr, a bare port line on stdout, or a port given to it. */
type PortSource = 'banner' | 'stdout' | { port: number };

/** Starts a child process and resolves with its base URL once it answers `readyPath` with a 2xx. */
export async function startProcess(args: string[], portSource: PortSource, readyPath = firstRequest): Promise<Started> {
  const started = performance.now();
  // The mock's request log (one JSON line per request) is written, as by default, and discarded.
  const child = spawn(serverCommand[0]!, [...serverCommand.slice(1), ...args], {
    stdio: ['ignore', portSource === 'stdout' ? 'pipe' : 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    if (typeof portSource === 'object') resolve(`http://127.0.0.1:${portSource.port}`);
    const stream = portSource === 'stdout' ? child.stdout! : child.stderr!;
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = portSource === 'banner' ? /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1] : /^(\d+)\n/.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${output.slice(-500)}`)));
  });
  // Start-up ends with the first answer, not with the port being bound.
  while ((await fetch(`${url}${readyPath}`).catch(() => undefined))?.ok !== true) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { child, url, startupMs: performance.now() - started };
}

/** `rpa-mock serve` on a free port, with the given flags; ready once it answers `readyPath`. */
export function serveMockReadyAt(readyPath: string, ...flags: string[]): Promise<Started> {
  return startProcess([cli, 'serve', '--port', '0', '--log-format', 'json', ...flags], 'banner', readyPath);
}

/** `rpa-mock serve` on a free port, with the given flags; ready once it answers the default list. */
export function serveMock(...flags: string[]): Promise<Started> {
  return serveMockReadyAt(firstRequest, ...flags);
}

/** autocannon against one server, 10 connections for BENCH_SECONDS, cycling through the paths. */
export async function load(name: string, url: string, paths: string[]): Promise<Measured> {
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

/** Stops a child and waits for it to be gone, so the next measure has the core to itself. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill();
  await gone;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
