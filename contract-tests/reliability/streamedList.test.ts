import { get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { close, createMock, listen } from '../../src';
import type { Engine, StreamedItem } from '../../src/core/engine';
import { createApp } from '../../src/server/createApp';
import { createLogger } from '../../src/server/requestLog';
import { loadSpec } from '../../src/spec/loadSpec';
import { createOperationMatcher } from '../../src/spec/matchOperation';
import { indexOperations } from '../../src/spec/operations';
import { Journal } from '../../src/state/journal';
import { compileValidators } from '../../src/validator';
import { jobsPath, startMock } from '../support/startMock';

/** Starts a GET and resolves once its status and first bytes arrived, leaving the rest unread. */
function startReading(url: string): Promise<IncomingMessage> {
  return new Promise((resolve) => get(url, (res) => res.once('readable', () => resolve(res))));
}

function readRest(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  return new Promise((resolve) => {
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(Buffer.concat(chunks).toString()));
    res.resume();
  });
}

describe('the streamed job list', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const mock = await createMock({ strict: true, log: 'silent', jobs: 4_000, clock: 'frozen' });
    server = await listen(mock.app, '127.0.0.1', 0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${jobsPath}`;
  });
  afterAll(() => close(server));

  it('answers a GET by id while a large list is being sent, and then finishes the list', async () => {
    const list = await startReading(`${base}?environment=default`);
    const firstJob = JSON.parse(await (await fetch(`${base}?environment=test`)).text()).jobs[0];
    // The list is stalled on a full socket; the job by id is answered meanwhile.
    const byId = await fetch(`${base}/${firstJob.id}`);
    expect(byId.status).toBe(200);
    expect(await byId.json()).toEqual(firstJob);
    expect(list.complete).toBe(false);
    const body = JSON.parse(await readRest(list));
    expect(body.count).toBe(body.jobs.length);
    expect(body.count).toBeGreaterThan(1000);
  });

  it('sends the same bytes to lists sent at the same time, equal to the list as one JSON value', async () => {
    const texts = await Promise.all([0, 1, 2].map(() => fetch(`${base}?environment=production`).then((r) => r.text())));
    expect(new Set(texts).size).toBe(1);
    expect(JSON.stringify(JSON.parse(texts[0]!))).toBe(texts[0]);
  });

  it('keeps serving when a client goes away in the middle of a list', async () => {
    const list = await startReading(`${base}?environment=default`);
    list.destroy();
    expect((await fetch(`${base}?environment=test`)).status).toBe(200);
  });

  it('lists an empty environment as { "count": 0, "jobs": [] }', async () => {
    const { http } = await startMock({ jobs: 0 });
    const response = await http.get(jobsPath).query({ environment: 'default' }).expect(200);
    expect(response.text).toBe('{"count":0,"jobs":[]}');
  });
});

describe('a streamed list under --strict', () => {
  /** An app whose engine streams `count` jobs, the one at `brokenAt` missing its fields. */
  async function appStreaming(count: number, brokenAt: number) {
    const spec = await loadSpec();
    const operations = indexOperations(spec);
    const good = JSON.parse((await (await startMock()).http.get(jobsPath).query({ environment: 'default' })).text).jobs[0];
    function* items(): Generator<StreamedItem> {
      for (let i = 0; i < count; i++) {
        const value = i === brokenAt ? { id: 'x' } : good;
        yield { value, json: JSON.stringify(value) };
      }
    }
    const engine: Engine = {
      name: 'streaming',
      answer: async () => ({ kind: 'stream', status: 200, stream: { head: { count }, property: 'jobs', items: items() } }),
    };
    const journal = new Journal(10);
    const app = createApp({
      api: {
        match: createOperationMatcher(operations),
        validators: compileValidators(operations),
        engine,
        bodyLimit: 1024,
        requestCheck: 'reject',
        responseCheck: 'reject',
        rejectAs: 'invalid_response',
      },
      journal,
      logger: createLogger('silent'),
      corsOrigins: [],
      corsMethods: ['GET', 'HEAD', 'POST'],
    });
    return { app, journal };
  }

  it('streams an empty list as { "count": 0, "jobs": [] }', async () => {
    const { app } = await appStreaming(0, -1);
    const response = await request(app).get(jobsPath).query({ environment: 'default' }).expect(200);
    expect(response.text).toBe('{"count":0,"jobs":[]}');
  });

  it('turns a list broken in its first piece into a 500 naming the item', async () => {
    const { app } = await appStreaming(10, 3);
    const response = await request(app).get(jobsPath).query({ environment: 'default' }).expect(500);
    expect(response.body.type).toBe('invalid_response');
    expect(response.body.errors[0].pointer).toMatch(/^\/jobs\/3\//);
  });

  it('cuts the connection of a list found broken after it began, so it cannot pass as valid', async () => {
    const { app, journal } = await appStreaming(500, 400);
    const server = express().use(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${jobsPath}?environment=default`;
      const response = await fetch(url);
      expect(response.status).toBe(200);
      await expect(response.text()).rejects.toThrow();
      const [entry] = journal.read();
      expect(entry!.response).toMatchObject({ valid: false, note: expect.stringMatching(/cut short/) });
      expect(entry!.response.violations[0]!.pointer).toMatch(/^\/jobs\/400\//);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });
});
