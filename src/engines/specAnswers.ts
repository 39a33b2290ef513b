import type { OpenAPIV3_1 } from 'openapi-types';
import { createProblem, problemKindOf } from '../errors/problem';
import type { Operation } from '../spec/operations';
import type { Preferences } from '../core/preferences';
import type { EngineAnswer } from '../core/engine';

/**
 * Answers from the spec itself, for the `Prefer` header on an engine that generates its answers:
 * `example=NAME` serves that named example, `code=N` an answer of that status (an error in the
 * spec's error shape), `dynamic=false` the success response's first example. Returns undefined
 * when the engine's own answer is wanted.
 */
export function answerFromSpec(operation: Operation, preferences: Preferences): EngineAnswer | undefined {
  const { successStatus } = operation;
  if (preferences.code === undefined && preferences.example === undefined && preferences.dynamic === undefined) return undefined;
  const declared = Object.keys(operation.responses);
  if (preferences.code !== undefined && !declared.includes(String(preferences.code))) {
    return badPreference(`Prefer: code=${preferences.code} is not a status ${operation.operationId} declares (${declared.join(', ')}).`);
  }
  if (preferences.example !== undefined) {
    const statuses = preferences.code !== undefined ? [String(preferences.code)] : declared;
    for (const status of statuses) {
      const found = exampleNamed(operation.responses[status], preferences.example);
      if (found) return { status: Number(status), body: found.value, contentType: found.mediaType };
    }
    const names = statuses.flatMap((status) => examplesOf(operation.responses[status]).map(([name]) => name));
    return badPreference(
      `Prefer: example=${preferences.example} is not an example of ${operation.operationId}${preferences.code ? ` with status ${preferences.code}` : ''} (known: ${names.join(', ')}).`,
    );
  }
  const code = preferences.code;
  if (code !== undefined && code !== successStatus) {
    const first = examplesOf(operation.responses[String(code)])[0];
    if (code < 400 && first) return { status: code, body: first[1].value, contentType: first[1].mediaType };
    return { status: code, body: createProblem(problemKindOf(code), `Answered with ${code} as asked by Prefer: code=${code}.`) };
  }
  if (preferences.dynamic === false) {
    const first = examplesOf(operation.responses[String(successStatus)])[0];
    if (first) return { status: successStatus, body: first[1].value, contentType: first[1].mediaType };
  }
  return undefined;
}

function examplesOf(response: OpenAPIV3_1.ResponseObject | undefined): [string, { value: unknown; mediaType: string }][] {
  return Object.entries(response?.content ?? {}).flatMap(([mediaType, media]) =>
    Object.entries(media.examples ?? {}).map(
      ([name, example]) =>
        [name, { value: (example as OpenAPIV3_1.ExampleObject).value, mediaType }] as [string, { value: unknown; mediaType: string }],
    ),
  );
}

function exampleNamed(response: OpenAPIV3_1.ResponseObject | undefined, name: string) {
  return examplesOf(response).find(([exampleName]) => exampleName === name)?.[1];
}

function badPreference(detail: string): EngineAnswer {
  return {
    status: 400,
    body: createProblem('invalid_request', detail, [{ location: 'header', pointer: '/prefer', rule: 'prefer', message: detail }]),
  };
}

/** The status whose response declares an example of this name, for engines that need both. */
export function statusOfExample(operation: Operation, name: string): number | undefined {
  const status = Object.keys(operation.responses).find((code) => exampleNamed(operation.responses[code], name));
  return status === undefined ? undefined : Number(status);
}
