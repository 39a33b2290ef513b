import { FaultInjector } from '../scenario/faultInjector';
import { loadSpecBundle } from '../spec/specBundle';
import type { SpecBundle } from '../spec/bundleOf';
import { StateUnavailableError } from '../state/stateStore';
import type { Engine, EngineAnswer, EngineRequest } from './engine';
import { bearerToken, handleRequest, type PipelineContext } from './pipeline';
import type { PlainRequest } from './plainRequest';

const jobId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
let bundle: SpecBundle;
let job: Record<string, unknown>;

beforeAll(async () => {
  bundle = await loadSpecBundle();
  const examples = (bundle.document.components as { examples: Record<string, { value: Record<string, unknown> }> }).examples;
  job = { ...examples.Job!.value, id: jobId };
});

/** A pipeline over the bundled spec whose engine answers `answer` and records what it was asked. */
function pipeline(answer: EngineAnswer, changes: Partial<PipelineContext> = {}) {
  const asked: EngineRequest[] = [];
  const engine: Engine = {
    name: 'test',
    answer: async (request) => (asked.push(request), answer),
  };
  const context: PipelineContext = {
    match: bundle.match,
    validators: bundle.validators,
    engine,
    bodyLimit: 1024,
    requestCheck: 'reject',
    responseCheck: 'off',
    rejectAs: 'invalid_response',
    ...changes,
  };
  return { context, asked };
}

function get(path: string, query: Record<string, string> = {}, headers: Record<string, string> = {}): PlainRequest {
  return { method: 'GET', path, query, headers, body: { sent: false, read: async () => ({ kind: 'bytes', bytes: new Uint8Array() }) } };
}

const problemOf = (answer: EngineAnswer) =>
  (answer.kind === undefined || answer.kind === 'value' ? answer.body : undefined) as Record<string, unknown>;

describe('the request pipeline', () => {
  it('answers a path no operation has with 404, and a method the path does not take with 405 naming the allowed ones', async () => {
    const { context, asked } = pipeline({ status: 200, body: job });
    const missing = await handleRequest(context, get('/api/v1/rpa/nothing'));
    expect(missing.answer.status).toBe(404);
    expect(missing.contentType).toBe('application/problem+json');
    expect(problemOf(missing.answer)).toMatchObject({ status: 404 });
    const wrong = await handleRequest(context, { ...get(`/api/v1/rpa/jobs/${jobId}`), method: 'DELETE' });
    expect(wrong.answer.status).toBe(405);
    expect(wrong.answer.headers).toEqual({ Allow: 'GET, HEAD' });
    expect(asked).toHaveLength(0);
  });

  it('asks for the bearer token when one is set, and lets the right one through', async () => {
    const { context, asked } = pipeline({ status: 200, body: job }, { authorize: bearerToken('dev-token') });
    const refused = await handleRequest(context, get(`/api/v1/rpa/jobs/${jobId}`));
    expect(refused.answer.status).toBe(401);
    expect(refused.answer.headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
    const wrong = await handleRequest(context, get(`/api/v1/rpa/jobs/${jobId}`, {}, { authorization: 'Bearer other' }));
    expect(wrong.answer.status).toBe(401);
    const allowed = await handleRequest(context, get(`/api/v1/rpa/jobs/${jobId}`, {}, { authorization: 'Bearer dev-token' }));
    expect(allowed.answer.status).toBe(200);
    expect(asked).toHaveLength(1);
  });

  it('rejects a request that breaks the spec before the engine sees it (the mock), or reports it and answers (the proxy)', async () => {
    const mock = pipeline({ status: 200, body: { count: 0, jobs: [] } });
    const rejected = await handleRequest(mock.context, get('/api/v1/rpa/jobs', { environment: 'default', type: 'Sometimes' }));
    expect(rejected.answer.status).toBe(400);
    expect(rejected.request.violations.map((v) => `${v.location} ${v.pointer} ${v.rule}`)).toEqual(['query /type enum']);
    expect(problemOf(rejected.answer)).toMatchObject({ errors: [{ pointer: '/type', rule: 'enum' }] });
    expect(mock.asked).toHaveLength(0);
    const proxy = pipeline({ status: 200, body: { count: 0, jobs: [] } }, { requestCheck: 'report' });
    const reported = await handleRequest(proxy.context, get('/api/v1/rpa/jobs', { environment: 'default', type: 'Sometimes' }));
    expect(reported.answer.status).toBe(200);
    expect(reported.request.violations).toHaveLength(1);
    expect(proxy.asked).toHaveLength(1);
  });

  it("gives the engine the query with the spec's defaults for absent parameters", async () => {
    const { context, asked } = pipeline({ status: 200, body: { count: 0, jobs: [] } });
    await handleRequest(context, get('/api/v1/rpa/jobs', { environment: 'default' }));
    expect(asked[0]!.query).toMatchObject({ environment: 'default', type: 'Unattended' });
  });

  it('replaces an answer that breaks the spec where broken answers are rejected, and only there', async () => {
    const broken: EngineAnswer = { status: 200, body: { ...job, active: 'yes' } };
    const strict = await handleRequest(pipeline(broken, { responseCheck: 'reject' }).context, get(`/api/v1/rpa/jobs/${jobId}`));
    expect(strict.answer.status).toBe(500);
    expect(problemOf(strict.answer)).toMatchObject({ detail: 'The answer (200) to getJob breaks the spec in 1 place.' });
    expect(strict.response?.violations.map((v) => v.pointer)).toEqual(['/active']);
    const reported = await handleRequest(pipeline(broken, { responseCheck: 'report' }).context, get(`/api/v1/rpa/jobs/${jobId}`));
    expect(reported.answer.status).toBe(200);
    expect(reported.response?.violations).toHaveLength(1);
    expect(reported.replaceBroken).toBeUndefined();
    // Unchecked now, checked when the journal is read: the text check keeps the status and validator.
    const off = await handleRequest(pipeline(broken).context, get(`/api/v1/rpa/jobs/${jobId}`));
    expect(off.response).toBeUndefined();
    expect(off.checkText!(JSON.stringify(job)).violations).toEqual([]);
    expect(off.checkText!(JSON.stringify({ ...job, active: 'yes' })).violations.map((v) => v.pointer)).toEqual(['/active']);
  });

  it('checks a streamed list by its envelope at once and by its items as they are written, with the replacement at hand', async () => {
    const stream: EngineAnswer = { kind: 'stream', status: 200, stream: { head: { count: 1 }, property: 'jobs', items: [] } };
    const outcome = await handleRequest(
      pipeline(stream, { responseCheck: 'reject' }).context,
      get('/api/v1/rpa/jobs', { environment: 'default' }),
    );
    expect(outcome.answer.kind).toBe('stream');
    expect(outcome.response?.violations).toEqual([]);
    expect(outcome.checkItem!(0, job).violations).toEqual([]);
    const found = outcome.checkItem!(3, { ...job, active: 'yes' });
    expect(found.violations.map((v) => v.pointer)).toEqual(['/jobs/3/active']);
    const replaced = outcome.replaceBroken!(found);
    expect(replaced.answer.status).toBe(500);
    expect(replaced.response).toBe(found);
  });

  it('leaves the tool’s own answers and bytes passed through unchecked', async () => {
    const own: EngineAnswer = { status: 502, body: { nothing: 'of the spec' }, unchecked: true };
    const outcome = await handleRequest(pipeline(own, { responseCheck: 'reject' }).context, get(`/api/v1/rpa/jobs/${jobId}`));
    expect(outcome.answer).toBe(own);
    expect(outcome.response).toBeUndefined();
    const passed: EngineAnswer = {
      kind: 'pass-through',
      status: 200,
      contentType: 'application/json',
      passThrough: { chunks: (async function* () {})(), why: 'too large to check' },
    };
    const through = await handleRequest(pipeline(passed, { responseCheck: 'reject' }).context, get(`/api/v1/rpa/jobs/${jobId}`));
    expect(through.answer).toBe(passed);
    expect(through.response).toBeUndefined();
  });

  it('answers 503 while shared state cannot be reached, and an injected fault with 500 without asking the engine', async () => {
    const down = pipeline(
      { status: 200, body: job },
      {
        refresh: async () => {
          throw new StateUnavailableError('the shared state (redis://…) cannot be reached');
        },
      },
    );
    const unavailable = await handleRequest(down.context, get(`/api/v1/rpa/jobs/${jobId}`));
    expect(unavailable.answer.status).toBe(503);
    expect(unavailable.operation?.operationId).toBe('getJob');
    const faulty = pipeline({ status: 200, body: job }, { faults: new FaultInjector({ errorRate: 1 }, 42) });
    const faulted = await handleRequest(faulty.context, get(`/api/v1/rpa/jobs/${jobId}`));
    expect(faulted.answer.status).toBe(500);
    expect(faulted.fault?.error).toBe(true);
    expect(faulty.asked).toHaveLength(0);
  });

  it('maps every answer of an operation through the wire shape, its own errors included', async () => {
    const shape = jest.fn((_operation, answer: EngineAnswer) => ({ ...answer, headers: { 'X-Shaped': 'yes' } }) as EngineAnswer);
    const { context } = pipeline({ status: 200, body: job }, { shape, authorize: bearerToken('dev-token') });
    const refused = await handleRequest(context, get(`/api/v1/rpa/jobs/${jobId}`));
    expect(refused.answer.status).toBe(401);
    expect(refused.answer.headers).toEqual({ 'X-Shaped': 'yes' });
    expect(shape).toHaveBeenCalledTimes(1);
  });
});
