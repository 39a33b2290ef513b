import type { Server } from 'node:http';
import type { Express } from 'express';
import { SetupError } from '../errors/setupError';

/** The server could not start: a port in use, a port it may not bind. A setup error, exit 2. */
export class ListenError extends SetupError {}

/** Listens on host:port; resolves once the port is bound, rejects with a ListenError otherwise. */
export function listen(app: Express, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
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

/** Closes the server and the connections it keeps alive. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
