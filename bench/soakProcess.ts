import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const cli = path.resolve(__dirname, '../../dist/cli/main.js');

export interface Started {
  child: ChildProcess;
  url: string;
}

/** Starts `rpa-mock <args> --port 0` and resolves with its URL, read from the start-up banner. */
export function startServer(args: string[]): Promise<Started> {
  // The request log goes to standard output, which is discarded: the soak measures the server.
  const child = spawn(process.execPath, [cli, ...args, '--port', '0', '--log-format', 'json'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (port) resolve({ child, url: `http://127.0.0.1:${port}` });
    });
    child.on('exit', (code, signal) => reject(new Error(`rpa-mock ${args.join(' ')} ended (${code ?? signal}): ${output.slice(-500)}`)));
  });
}

/** Resident memory of a process in MB; 0 once it is gone (a crash shows as a missed target). */
export function rssMegabytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
  } catch {
    return 0;
  }
}
