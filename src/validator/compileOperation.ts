import type Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { Operation } from '../spec/operations';
import type { Violation } from './violations';
import { firstViolations, type ViolationList, type ViolationLocation } from './violations';

/** The parts of a request the spec constrains, already parsed. */
export interface RequestParts {
  pathParams: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  /** The request's media type without parameters, or undefined when it sent no body. */
  contentType: string | undefined;
  body: unknown;
}

/** The parts of a response the spec constrains. */
export interface ResponseParts {
  status: number;
  contentType: string | undefined;
  body: unknown;
}

export interface OperationValidator {
  /** Every violation of the request; empty when it keeps the contract. */
  validateRequest(request: RequestParts): Violation[];
  /** Every violation of the response; empty when it keeps the contract. */
  validateResponse(response: ResponseParts): Violation[];
  /** The first `limit` violations of the request, and how many more there are. */
  checkRequest(request: RequestParts, limit: number): ViolationList;
  /** The first `limit` violations of the response, and how many more there are. */
  checkResponse(response: ResponseParts, limit: number): ViolationList;
  /**
   * One item of a list answer sent piece by piece: `item` is checked against the schema of
   * `body[property][index]`, and violations point into the whole body (`/jobs/12/status`).
   */
  checkResponseItem(response: Omit<ResponseParts, 'body'>, property: string, index: number, item: unknown, limit: number): ViolationList;
}

type ParameterLocation = 'path' | 'query' | 'header';

/** Compiles the validators of one operation once, at start-up. */
export function compileOperation(operation: Operation, ajv: Ajv2020, paramsAjv: Ajv2020): OperationValidator {
  // Only the locations the operation has parameters in: the others cost nothing per request.
  const parameterValidators = (['path', 'query', 'header'] as const)
    .filter((location) => operation.parameters.some((p) => p.in === location))
    .map((location) => ({ location, validate: paramsAjv.compile(parametersSchema(operation.parameters, location)) }));
  const requestBodySchema = jsonSchemaOf(operation.requestBody?.content);
  const validateBody = requestBodySchema ? ajv.compile(requestBodySchema) : undefined;
  const responseValidators = compileResponses(operation, ajv);

  const checkResponse = (response: ResponseParts, limit: number): ViolationList => {
    const found = responseValidator(operation, responseValidators, response);
    if (!found.validate) return { violations: found.violations, more: 0 };
    return found.validate(response.body) ? none : firstViolations(found.validate.errors, 'response', limit);
  };
  const checkRequest = (request: RequestParts, limit: number): ViolationList => {
    const violations: Violation[] = [];
    let more = 0;
    // Copies, as ajv writes coerced values back; Node gives header names in lower case already.
    const sources = { path: request.pathParams, query: request.query, header: request.headers };
    for (const { location, validate } of parameterValidators) {
      if (!validate({ ...sources[location] })) {
        const found = firstViolations(validate.errors, location, limit - violations.length);
        violations.push(...found.violations);
        more += found.more;
      }
    }
    const body = validateRequestBody(operation, request, validateBody, Math.max(0, limit - violations.length));
    return { violations: [...violations, ...body.violations], more: more + body.more };
  };
  const itemValidators = new Map<string, ValidateFunction | undefined>();
  return {
    validateRequest: (request) => checkRequest(request, Infinity).violations,
    validateResponse: (response) => checkResponse(response, Infinity).violations,
    checkRequest,
    checkResponse,
    checkResponseItem(response, property, index, item, limit) {
      const key = `${response.status} ${response.contentType} ${property}`;
      if (!itemValidators.has(key)) {
        const schema = responseSchemaOf(operation, response)?.properties?.[property]?.items;
        itemValidators.set(key, schema ? ajv.compile(schema) : undefined);
      }
      const validate = itemValidators.get(key);
      if (!validate)
        return {
          violations: [violation('response', `/${property}`, 'items', `no item schema for /${property} in the ${response.status} answer`)],
          more: 0,
        };
      if (validate(item)) return none;
      const errors = validate.errors!.map((error) => ({ ...error, instancePath: `/${property}/${index}${error.instancePath}` }));
      return firstViolations(errors, 'response', limit);
    },
  };
}

const none: ViolationList = { violations: [], more: 0 };

/** The validator of the answer's status and media type, or the violation that there is none. */
function responseValidator(
  operation: Operation,
  responseValidators: Map<string, Map<string, ValidateFunction>>,
  response: Omit<ResponseParts, 'body'>,
): { validate?: ValidateFunction; violations: Violation[] } {
  const declared =
    responseValidators.get(String(response.status)) ??
    responseValidators.get(`${String(response.status)[0]}XX`) ??
    responseValidators.get('DEFAULT');
  if (!declared) {
    const known = [...responseValidators.keys()].join(', ');
    return {
      violations: [
        violation('response', '', 'status', `status ${response.status} is not declared for ${operation.operationId} (declared: ${known})`),
      ],
    };
  }
  if (declared.size === 0) return { violations: [] };
  const validate = response.contentType === undefined ? undefined : declared.get(response.contentType);
  if (!validate) {
    return {
      violations: [
        violation(
          'response',
          '',
          'content-type',
          `content type '${response.contentType ?? 'none'}' is not declared for status ${response.status} (declared: ${[...declared.keys()].join(', ')})`,
        ),
      ],
    };
  }
  return { validate, violations: [] };
}

type ObjectSchema = { properties?: Record<string, { items?: object }> };

function responseSchemaOf(operation: Operation, response: Omit<ResponseParts, 'body'>): ObjectSchema | undefined {
  const declared = operation.responses[String(response.status)] ?? operation.responses[`${String(response.status)[0]}XX`];
  return declared?.content?.[response.contentType ?? '']?.schema as ObjectSchema | undefined;
}

/**
 * The body's violations. ajv collects every error (allErrors) here because the body is bounded by
 * the body limit; only the first `limit` are described.
 */
function validateRequestBody(
  operation: Operation,
  request: RequestParts,
  validate: ValidateFunction | undefined,
  limit: number,
): ViolationList {
  const body = operation.requestBody;
  const one = (v: Violation): ViolationList => ({ violations: limit > 0 ? [v] : [], more: limit > 0 ? 0 : 1 });
  if (request.contentType === undefined) {
    return body?.required ? one(violation('body', '', 'required', 'request body is required')) : none;
  }
  if (!body) return one(violation('body', '', 'requestBody', `${operation.operationId} takes no request body`));
  if (!Object.keys(body.content ?? {}).includes(request.contentType)) {
    const accepted = Object.keys(body.content ?? {}).join(', ');
    return one(
      violation('header', '/content-type', 'content-type', `header 'content-type' must be ${accepted}, not '${request.contentType}'`),
    );
  }
  if (validate && !validate(request.body)) return firstViolations(validate.errors, 'body', limit);
  return none;
}

function parametersSchema(parameters: OpenAPIV3_1.ParameterObject[], location: ParameterLocation): object {
  const own = parameters.filter((p) => p.in === location);
  const name = (p: OpenAPIV3_1.ParameterObject) => (location === 'header' ? p.name.toLowerCase() : p.name);
  return {
    type: 'object',
    properties: Object.fromEntries(own.map((p) => [name(p), p.schema ?? {}])),
    required: own.filter((p) => p.required).map(name),
  };
}

/**
 * status → media type → validator; an empty map means the response has no body. Each validator is
 * compiled on its first use, once: only --strict and the contract checks need them, and compiling
 * them all would lengthen every start-up.
 */
function compileResponses(operation: Operation, ajv: Ajv2020): Map<string, Map<string, ValidateFunction>> {
  const compiled = new Map<string, Map<string, ValidateFunction>>();
  for (const [status, response] of Object.entries(operation.responses)) {
    const byMediaType = new Map<string, ValidateFunction>();
    for (const [mediaType, media] of Object.entries(response.content ?? {})) {
      byMediaType.set(mediaType, compileOnFirstUse(ajv, (media.schema ?? {}) as object));
    }
    compiled.set(status.toUpperCase(), byMediaType);
  }
  return compiled;
}

function compileOnFirstUse(ajv: Ajv2020, schema: object): ValidateFunction {
  let validate: ValidateFunction | undefined;
  const lazy = ((data: unknown) => {
    validate ??= ajv.compile(schema);
    const valid = validate(data);
    lazy.errors = validate.errors;
    return valid;
  }) as ValidateFunction;
  return lazy;
}

function jsonSchemaOf(content: Record<string, OpenAPIV3_1.MediaTypeObject> | undefined): object | undefined {
  return content?.['application/json']?.schema as object | undefined;
}

function violation(location: ViolationLocation, pointer: string, rule: string, message: string): Violation {
  return { location, pointer, rule, message };
}
