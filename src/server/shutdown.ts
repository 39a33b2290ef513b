import type { Server } from 'node:http';
import { close } from './listen';

/** How long requests in flight get to finish once a stop is asked for. */
const drainMs = 5_000;

/** What a stop signal does now: exit at once until a server takes over. */
let onStop: (signal: string) => void = () => process.exit(0);
let caught = false;

/**
 * Catches SIGINT and SIGTERM for the life of the process, routing them to the current handler.
 * Called as early as possible; the listeners are never removed and added again, as a signal that
 * arrives in between would be lost.
 */
export function catchStopSignals(): void {
  if (caught) return;
  caught = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => onStop(signal));
}

/**
 * Stops cleanly on SIGINT or SIGTERM, exiting 0 from any state: before the server listens (still
 * loading the spec) at once; after, once requests in flight are answered, or `drainMs` has passed.
 * Call it first, then hand it the server once it listens.
 */
export function stopOnSignal(say: (line: string) => void): { serving(server: Server, release?: () => Promise<void>): void } {
  let server: Server | undefined;
  let releaseAfter: () => Promise<void> = async () => undefined;
  onStop = (signal) => {
    say(`rpa-mock: ${signal} received, closing`);
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
