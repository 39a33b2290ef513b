import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Agent, get } from 'node:http';
import express from 'express';
import { close, createMock, listen } from '../../src';

describe('closing the server', () => {
  it('lets a request in flight finish, refuses new connections, then resolves', async () => {
    const mock = await createMock({ log: 'silent', latency: '200' });
    const server = await listen(mock.app, '127.0.0.1', 0);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/rpa/jobs?environment=default`;
    const inFlight = fetch(url);
    await once(server, 'request');
    // The answer under way tells the kept-alive client the connection closes, so the server closes
    // once that answer is sent, not at the end of a ten-second drain.
    const started = Date.now();
    const closed = close(server, 10_000);
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('connection')).toBe('close');
    await closed;
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('closes a kept-alive connection whose answer had begun once that answer is sent, not at the end of the drain', async () => {
    const app = express().get('/slow', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('begun ');
      setTimeout(() => res.end('and done'), 300);
    });
    const server = await listen(app, '127.0.0.1', 0);
    // A client that keeps its connections alive for as long as the server lets it.
    const agent = new Agent({ keepAlive: true });
    const answer = new Promise<string>((resolve) =>
      get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`, { agent }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(text));
      }),
    );
    await once(server, 'request');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    const closed = close(server, 10_000);
    expect(await answer).toBe('begun and done');
    await closed;
    expect(Date.now() - started).toBeLessThan(5_000);
    agent.destroy();
  });
});
