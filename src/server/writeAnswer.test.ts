import express from 'express';
import request from 'supertest';
import type { EngineAnswer, StreamedItem } from '../core/engine';
import type { Outcome } from '../core/pipeline';
import { wholeAnswer, wholeListText } from '../core/wholeAnswer';
import type { ViolationList } from '../validator';
import { writeAnswer, type Written } from './writeAnswer';

/** An app that writes one outcome per request and keeps what writeAnswer said of it. */
function appWriting(make: () => Outcome, keepUpTo = 1_000_000) {
  const written: Written[] = [];
  const app = express();
  app.use((req, res) => void writeAnswer(res, make(), keepUpTo, req.method === 'HEAD').then((result) => written.push(result)));
  return { app, written };
}

const outcomeOf = (answer: EngineAnswer, more: Partial<Outcome> = {}): Outcome => ({
  answer,
  contentType: answer.contentType ?? 'application/json',
  request: { violations: [], more: 0 },
  ...more,
});

function* jobs(count: number, brokenAt = -1): Generator<StreamedItem> {
  for (let i = 0; i < count; i++) {
    const value = i === brokenAt ? { id: i, broken: true } : { id: i };
    yield { value, json: JSON.stringify(value) };
  }
}

/** An item check that finds the item marked broken, as a validator would. */
const checkItem = (index: number, item: unknown): ViolationList =>
  (item as { broken?: boolean }).broken
    ? { violations: [{ location: 'response', pointer: `/jobs/${index}`, rule: 'test', message: 'broken' }], more: 0 }
    : { violations: [], more: 0 };

const replacement = (found: ViolationList): Outcome =>
  outcomeOf({ status: 500, body: { status: 500, title: 'replaced' }, contentType: 'application/problem+json' }, { response: found });

describe('writing an answer', () => {
  it('writes a value as JSON with its length, keeps its text for the journal, and sends no body to HEAD', async () => {
    const { app, written } = appWriting(() => outcomeOf({ status: 201, body: { a: 'é' }, headers: { 'X-Extra': '1' } }));
    const response = await request(app).get('/').expect(201);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength('{"a":"é"}')));
    expect(response.headers['x-extra']).toBe('1');
    expect(response.text).toBe('{"a":"é"}');
    expect(written[0]).toEqual({ bytes: 10, text: '{"a":"é"}' });
    const head = await request(app).head('/').expect(201);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength('{"a":"é"}')));
    expect(head.text).toBeUndefined();
  });

  it('writes a text as it is, and keeps no text larger than asked', async () => {
    const text = '{"count":0 ,"jobs":[]}';
    const { app, written } = appWriting(() => outcomeOf({ kind: 'text', status: 200, text, body: JSON.parse(text) }), 5);
    expect((await request(app).get('/').expect(200)).text).toBe(text);
    expect(written[0]).toEqual({ bytes: text.length, text: undefined });
  });

  it('ends an answer without a body with no body', async () => {
    const { app } = appWriting(() => outcomeOf({ status: 204, body: undefined }));
    const response = await request(app).get('/').expect(204);
    expect(response.text).toBe('');
  });

  it('streams a list in pieces whose whole is the text the MSW handlers send at once', async () => {
    const make = () => outcomeOf({ kind: 'stream', status: 200, stream: { head: { count: 200 }, property: 'jobs', items: jobs(200) } });
    const { app, written } = appWriting(make);
    const response = await request(app).get('/').expect(200);
    expect(response.text).toBe(
      wholeListText(
        { head: { count: 200 }, property: 'jobs' },
        [...jobs(200)].map((item) => item.json),
      ),
    );
    expect(response.text).toBe(wholeAnswer(make()).text);
    expect(written[0]!.text).toBe(response.text);
  });

  it('writes the replacement of a list found broken before its first byte, as the MSW handlers do', async () => {
    const make = () =>
      outcomeOf(
        { kind: 'stream', status: 200, stream: { head: { count: 3 }, property: 'jobs', items: jobs(3, 1) } },
        { checkItem, replaceBroken: replacement },
      );
    const { app, written } = appWriting(make);
    const response = await request(app).get('/').expect(500);
    expect(response.body).toEqual({ status: 500, title: 'replaced' });
    expect(written[0]!.replaced?.answer.status).toBe(500);
    expect(written[0]!.replaced?.response?.violations[0]?.pointer).toBe('/jobs/1');
    expect(wholeAnswer(make())).toMatchObject({ status: 500, text: '{"status":500,"title":"replaced"}' });
  });

  it('cuts the connection of a list found broken after it began, so that it cannot pass as whole', async () => {
    const { app, written } = appWriting(() =>
      outcomeOf(
        { kind: 'stream', status: 200, stream: { head: { count: 500 }, property: 'jobs', items: jobs(500, 300) } },
        { checkItem, replaceBroken: replacement },
      ),
    );
    await expect(request(app).get('/')).rejects.toThrow();
    expect(written[0]!.cut).toMatch(/an item broke the spec after the answer had begun/);
    expect(written[0]!.response?.violations[0]?.pointer).toBe('/jobs/300');
  });

  it('passes bytes through as they come, a 502 when the first fails, a cut connection when a later one does', async () => {
    const passing = (chunks: () => AsyncIterable<Uint8Array>) =>
      appWriting(() => outcomeOf({ kind: 'pass-through', status: 200, passThrough: { chunks: chunks(), why: 'too large' } }));
    const whole = passing(async function* () {
      yield Buffer.from('{"a":');
      yield Buffer.from('1}');
    });
    expect((await request(whole.app).get('/').expect(200)).text).toBe('{"a":1}');
    expect(whole.written[0]).toEqual({ bytes: 7 });
    const failingFirst = passing(async function* () {
      yield* [];
      throw new Error('reset');
    });
    const response = await request(failingFirst.app).get('/').expect(502);
    expect(response.body).toMatchObject({ status: 502, detail: expect.stringMatching(/failed mid-answer after 0 bytes: reset/) });
    const failingLater = passing(async function* () {
      yield Buffer.from('{"a":');
      throw new Error('reset');
    });
    await expect(request(failingLater.app).get('/')).rejects.toThrow();
    expect(failingLater.written[0]!.cut).toMatch(/after 5 bytes: reset/);
  });
});
