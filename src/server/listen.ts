import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
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
    // The connections, for close() to find the answers not yet begun: kept per connection, not per request.
    const open = new Set<Socket>();
    connections.set(server, open);
    server.on('connection', (socket: Socket) => {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
    });
    server.on('request', (req: IncomingMessage) => noteRequest(req.socket));
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

/** Each server's open connections. */
const connections = new WeakMap<Server, Set<Socket>>();

/**
 * Closes the server: no new connections, idle ones closed at once, requests in flight given up to
 * `drainMs` to finish before their connections are closed too. Answers not yet begun say
 * `Connection: close`, so a kept-alive client opens its next request elsewhere instead of reusing a
 * connection that is about to go, and the server closes when its requests are done, not at the end
 * of the drain.
 */
export function close(server: Server, drainMs = 0): Promise<void> {
  for (const socket of connections.get(server) ?? []) {
    // The answer under way on the connection (Node's own field, as clientError.ts reads it): one not
    // begun says Connection: close; one that has begun (a long list) closes its connection once sent.
    const res = (socket as { _httpMessage?: ServerResponse })._httpMessage;
    if (res && !res.headersSent) res.shouldKeepAlive = false;
    else if (res && !res.writableEnded) res.once('finish', () => socket.end());
  }
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
