import type { OpenAPIV3_1 } from 'openapi-types';
import pino from 'pino';
import { createProblem, problemKindOf } from '../../errors/problem';
import { fillPath } from '../../spec/fillPath';
import type { Operation } from '../../spec/operations';
import type { Engine, EngineAnswer, EngineRequest } from '../../core/engine';
import { statusOfExample } from '../specAnswers';
import { mediaTypeOf } from '../../text/mediaType';

/**
 * Answers through Stoplight Prism (`@stoplight/prism-http`): the spec's static examples by
 * default, generated ones with `Prefer: dynamic=true`, and `Prefer: code` / `example` as Prism
 * reads them. Prism is stateless, so this engine keeps the documented meaning of two things an
 * example server cannot: the list holds only jobs of the type asked for (the spec's default when absent),
 * and an id that is not the id of an example job gets 404 (in dynamic mode, the job by id carries
 * the id asked for).
 */
export async function createPrismEngine(specPath: string, operations: Operation[]): Promise<Engine> {
  // prism-http is slow to load: only a mock started with --engine prism waits for it.
  const prismHttp = require('@stoplight/prism-http') as typeof import('@stoplight/prism-http');
  const prismOperations = await prismHttp.getHttpOperationsFromSpec(specPath);
  const logger = pino({ level: 'silent', customLevels: { success: 35 } });
  const baseConfig = {
    checkSecurity: false,
    validateRequest: false,
    validateResponse: false,
    errors: false,
    upstreamProxy: undefined,
    isProxy: false as const,
  };
  const prism = prismHttp.createInstance({ ...baseConfig, mock: { dynamic: false } }, { logger: logger as never });
  const exampleIds = new Set(operations.flatMap((operation) => idsOfExamples(operation)));

  return {
    name: 'prism',
    async answer(request: EngineRequest): Promise<EngineAnswer> {
      const { preferences, operation, pathParams } = request;
      const asked = preferences.code !== undefined || preferences.example !== undefined;
      const dynamic = preferences.dynamic === true;
      if (pathParams.id !== undefined && !asked && !dynamic && !exampleIds.has(pathParams.id.toLowerCase())) {
        const noun = operation.pathTemplate.includes('/process') ? 'process' : 'job';
        return { status: 404, body: createProblem('not_found', `No ${noun} has id ${pathParams.id}.`) };
      }
      // Prism looks for a named example only in the status it answers with: name that status too.
      const code = preferences.code ?? (preferences.example !== undefined ? statusOfExample(operation, preferences.example) : undefined);
      const mock = {
        dynamic,
        ...(code !== undefined ? { code } : {}),
        ...(preferences.example !== undefined ? { exampleKey: preferences.example } : {}),
      };
      const result = await prism.request(
        {
          method: operation.method as never,
          url: { path: fillPath(operation.pathTemplate, pathParams), query: request.query as Record<string, string> },
          headers: {},
          body: request.body,
        },
        prismOperations,
        { ...baseConfig, mock },
      )();
      // An fp-ts Either: Left is Prism's error, Right its answer.
      if (result._tag === 'Left') {
        const error = result.left as Error & { status?: number; detail?: string };
        const status = error.status ?? 500;
        return { status, body: createProblem(problemKindOf(status), `Prism: ${error.message}${error.detail ? ` (${error.detail})` : ''}`) };
      }
      const { statusCode, headers, body } = result.right.output;
      const header = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
      const contentType = header === undefined ? undefined : mediaTypeOf(String(header));
      return { status: statusCode, body: keepSemantics(operation.operationId, request, statusCode, body), contentType };
    },
  };
}

function keepSemantics(operationId: string, request: EngineRequest, status: number, body: unknown): unknown {
  if (status !== request.operation.successStatus || !body || typeof body !== 'object') return body;
  if (operationId === 'listJobs' && Array.isArray((body as { jobs?: unknown }).jobs) && request.preferences.dynamic !== true) {
    const type = request.query.type as string;
    const jobs = (body as { jobs: { type?: string }[] }).jobs.filter((job) => job.type === type);
    return { ...body, count: jobs.length, jobs };
  }
  if (
    operationId === 'listProcesses' &&
    Array.isArray((body as { processes?: unknown }).processes) &&
    request.preferences.dynamic !== true
  ) {
    const { name, status } = request.query as { name?: string; status?: string };
    const processes = (body as { processes: { name?: string; versions?: { status?: string }[] }[] }).processes.filter(
      (process) =>
        (name === undefined || process.name === name) &&
        (status === undefined || (process.versions ?? []).some((v) => v.status === status)),
    );
    return { ...body, count: processes.length, processes };
  }
  if ((operationId === 'getJob' || operationId === 'getProcess') && request.preferences.dynamic === true)
    return { ...body, id: request.pathParams.id };
  return body;
}

/** The ids of the jobs and processes in the success examples of an operation. */
function idsOfExamples(operation: Operation): string[] {
  const examples = Object.values(operation.responses[String(operation.successStatus)]?.content ?? {}).flatMap((media) =>
    Object.values(media.examples ?? {}),
  ) as OpenAPIV3_1.ExampleObject[];
  return examples.flatMap((example) => {
    const value = example.value as { id?: string; jobs?: { id?: string }[]; processes?: { id?: string }[] } | undefined;
    return [value?.id, ...[...(value?.jobs ?? []), ...(value?.processes ?? [])].map((item) => item.id)]
      .filter((id): id is string => typeof id === 'string')
      .map((id) => id.toLowerCase());
  });
}
