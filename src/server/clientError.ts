import type { Socket } from 'node:net';
import { createProblem, problemContentType, type ProblemKind } from '../errors/problem';

/** Node's parser and timer errors, each with the kind of problem it is. */
const kinds: Record<string, { kind: ProblemKind; detail: string }> = {
  HPE_HEADER_OVERFLOW: { kind: 'headers_too_large', detail: 'The request headers are larger than the server accepts (16 KB).' },
  ERR_HTTP_REQUEST_TIMEOUT: { kind: 'request_timeout', detail: 'The request was not received in full in time.' },
  ERR_HTTP_HEADERS_TIMEOUT: { kind: 'request_timeout', detail: 'The request headers were not received in full in time.' },
};

/** Connections that carried a request to the app: its answer is theirs, not ours to add to. */
const dispatched = new WeakSet<Socket>();

/** Notes that a request on this connection reached the app. */
export function noteRequest(socket: Socket): void {
  dispatched.add(socket);
}

/**
 * Answers a request Node could not parse, or that took too long to arrive, with a problem in the
 * one error shape (400, 408 or 431) when the socket can still take it, then closes the connection:
 * its framing can no longer be trusted. Without this, Node sends an empty 400.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const response = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  // A client that ends its side in the middle of a body it announced gets no second answer.
  const endedAfterRequest = error.code === 'HPE_INVALID_EOF_STATE' && dispatched.has(socket);
  if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent || endedAfterRequest) return void socket.destroy();
  const known = kinds[error.code ?? ''];
  const problem = known
    ? createProblem(known.kind, known.detail)
    : createProblem('invalid_request', `The request is not valid HTTP: ${error.message.replace(/[\r\n]/g, ' ')}.`);
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Type: ${problemContentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  socket.destroySoon();
}
