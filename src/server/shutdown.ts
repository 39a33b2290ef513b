import type { Server } from 'node:http';
import { close } from './listen';

/** How long requests in flight get to finish once a stop is asked for. */
const drainMs = 5_000;

/** What a stop does now, given why: exit at once until a server takes over. */
let onStop: (why: string) => void = () => process.exit(0);
let caught = false;

/**
 * Catches SIGINT and SIGTERM for the life of the process, routing them to the current handler.
 * Called as early as possible; the listeners are never removed and added again, as a signal that
 * arrives in between would be lost. Under npx or `npm start`, the end of the parent stops it too:
 * npm hands a stop signal to the shell it started, not to the server, and the shell ends without
 * passing it on, which would leave the server running, orphaned, on its port.
 */
export function catchStopSignals(): void {
  if (caught) return;
  caught = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => onStop(`${signal} received`));
  if (startedByNpm()) {
    const parent = process.ppid;
    const watch = setInterval(() => {
      if (process.ppid === parent) return;
      clearInterval(watch);
      onStop('npm, which started it, ended');
    }, 250);
    watch.unref();
  }
}

/**
 * Stops cleanly on SIGINT or SIGTERM (or, under npx or `npm start`, when npm ends), exiting 0 from any state: before the server listens (still
 * loading the spec) at once; after, once requests in flight are answered, or `drainMs` has passed.
 * Call it first, then hand it the server once it listens.
 */
export function stopOnSignal(say: (line: string) => void): { serving(server: Server, release?: () => Promise<void>): void } {
  let server: Server | undefined;
  let releaseAfter: () => Promise<void> = async () => undefined;
  onStop = (why) => {
    say(`rpa-mock: ${why}, closing`);
    if (!server) process.exit(0);
    void close(server, drainMs)
      .then(releaseAfter)
      .catch(() => undefined)
      .then(() => process.exit(0));
  };
  catchStopSignals();
  return {
    /** The server now listening, and what to let go of once it closed (a Redis connection). */
    serving(listening, release) {
      server = listening;
      if (release) releaseAfter = release;
    },
  };
}

/**
 * Started through a shell npm runs, which ends on npm's stop signal without passing it on: by npx,
 * or by this package's own `npm start`. Not a script of another package's, which may start the
 * server in the background on purpose, to outlive the script.
 */
function startedByNpm(): boolean {
  const { npm_command: command, npm_lifecycle_event: event, npm_package_name: name } = process.env;
  return command === 'exec' || (event === 'start' && name === 'rpa-mock');
}
