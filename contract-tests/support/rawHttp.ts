import { connect } from 'node:net';

/** What came back on a raw connection: the status line's code, the headers and the body, or nothing. */
export interface RawAnswer {
  status: number | undefined;
  headers: string;
  body: string;
}

/**
 * Sends bytes on a fresh connection and collects what comes back until the server closes it
 * (`end: false` keeps our side open, as a client that never finishes its body).
 */
export function sendRaw(port: number, bytes: string | Buffer, { end = true } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]) || undefined,
        headers: head,
        body: split < 0 ? '' : text.slice(split + 4),
      });
    });
    socket.write(bytes, () => (end ? socket.end() : undefined));
  });
}
