import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Express } from 'express';
import { SetupError } from '../errors/setupError';
import { defaultOptions } from '../options';
import { answerClientError, noteRequest } from './clientError';

/** The server could not start: a port in use, a port it may not bind. A setup error, exit 2. */
export class ListenError extends SetupError {}

/**
 * Listens on host:port; resolves once the port is bound, rejects with a ListenError otherwise.
 * A request must arrive whole within `requestTimeoutMs` (checked every second, so a stalled body
 * is cut within a second of it) and is answered 408; malformed HTTP gets a problem, not an empty 400.
 */
export function listen(app: Express, host: string, port: number, requestTimeoutMs = defaultOptions.requestTimeoutMs): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(
      {
        requestTimeout: requestTimeoutMs,
        headersTimeout: Math.min(requestTimeoutMs, 20_000),
        // Shorter than the 60 s idle time-outs of common clients and proxies, so they never reuse a closed socket.
        keepAliveTimeout: 5_000,
        connectionsCheckingInterval: Math.min(1_000, requestTimeoutMs),
      },
      app,
    );
    server.on('clientError', answerClientError);
    const inFlight = new Set<ServerResponse>();
    let pruneAt = 256;
    answering.set(server, inFlight);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      noteRequest(req.socket);
      // Once closing, a kept-alive connection is told so and closed after its answer.
      if (closing.has(server)) res.shouldKeepAlive = false;
      // Answers that ended are let go in batches, not each through a listener of its own; the next
      // batch waits for twice as many as are still under way, so the work stays constant per request.
      if (inFlight.size >= pruneAt) {
        for (const done of inFlight) if (done.writableEnded || done.destroyed) inFlight.delete(done);
        pruneAt = Math.max(256, inFlight.size * 2);
      }
      inFlight.add(res);
    });
    server.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new ListenError(`port ${port} on ${host} is already in use; choose another with --port`));
      else if (error.code === 'EACCES')
        reject(new ListenError(`no permission to listen on port ${port} of ${host}; choose a port above 1023`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
        reject(new ListenError(`cannot listen on host ${host}: it is not an address of this machine`));
      else reject(error);
    });
  });
}

/** The answers each server has under way, and the servers that are closing. */
const answering = new WeakMap<Server, Set<ServerResponse>>();
const closing = new WeakSet<Server>();

/**
 * Closes the server: no new connections, idle ones closed at once, requests in flight given up to
 * `drainMs` to finish before their connections are closed too. Answers not yet begun say
 * `Connection: close`, so a kept-alive client opens its next request elsewhere instead of reusing a
 * connection that is about to go, and the server closes when its requests are done, not at the end
 * of the drain.
 */
export function close(server: Server, drainMs = 0): Promise<void> {
  closing.add(server);
  for (const res of answering.get(server) ?? []) if (!res.headersSent) res.shouldKeepAlive = false;
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), drainMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
    if (drainMs === 0) server.closeAllConnections();
  });
}
