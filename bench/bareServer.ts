/**
 * The baseline: a bare Express server that sends precomputed JSON for the same paths as the mock.
 * Run as a child process by the benchmark: `node bareServer.js <bodies.json>`; prints its port.
 */
import { readFileSync } from 'node:fs';
import express from 'express';

const bodies = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { list: string; byId: Record<string, string> };
const app = express();
app.get('/api/v1/rpa/jobs', (_req, res) => {
  res.type('application/json').send(bodies.list);
});
app.get('/api/v1/rpa/jobs/:id', (req, res) => {
  res.type('application/json').send(bodies.byId[req.params.id]);
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as { port: number }).port}\n`);
});
