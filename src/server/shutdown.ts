import type { Server } from 'node:http';
import { close } from './listen';

/** How long requests in flight get to finish once a stop is asked for. */
const drainMs = 5_000;

/**
 * Stops cleanly on SIGINT or SIGTERM, exiting 0 from any state: before the server listens (still
 * loading the spec) at once; after, once requests in flight are answered, or `drainMs` has passed.
 * Call it first, then hand it the server once it listens.
 */
export function stopOnSignal(say: (line: string) => void): { serving(server: Server): void } {
  let server: Server | undefined;
  const stop = (signal: string) => {
    say(`rpa-mock: ${signal} received, closing`);
    if (!server) process.exit(0);
    void close(server, drainMs).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    serving(listening) {
      server = listening;
    },
  };
}
