import type Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { Operation } from '../spec/operations';
import type { Violation } from './violations';
import { toViolations, type ViolationLocation } from './violations';

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

  return {
    validateRequest(request) {
      const violations: Violation[] = [];
      // Copies, as ajv writes coerced values back; Node gives header names in lower case already.
      const sources = { path: request.pathParams, query: request.query, header: request.headers };
      for (const { location, validate } of parameterValidators) {
        if (!validate({ ...sources[location] })) violations.push(...toViolations(validate.errors, location));
      }
      violations.push(...validateRequestBody(operation, request, validateBody));
      return violations;
    },
    validateResponse(response) {
      const declared =
        responseValidators.get(String(response.status)) ??
        responseValidators.get(`${String(response.status)[0]}XX`) ??
        responseValidators.get('DEFAULT');
      if (!declared) {
        return [
          violation(
            'response',
            '',
            'status',
            `status ${response.status} is not declared for ${operation.operationId} (declared: ${[...responseValidators.keys()].join(', ')})`,
          ),
        ];
      }
      if (declared.size === 0) return [];
      const validate = response.contentType === undefined ? undefined : declared.get(response.contentType);
      if (!validate) {
        return [
          violation(
            'response',
            '',
            'content-type',
            `content type '${response.contentType ?? 'none'}' is not declared for status ${response.status} (declared: ${[...declared.keys()].join(', ')})`,
          ),
        ];
      }
      return validate(response.body) ? [] : toViolations(validate.errors, 'response');
    },
  };
}

function validateRequestBody(operation: Operation, request: RequestParts, validate: ValidateFunction | undefined): Violation[] {
  const body = operation.requestBody;
  if (request.contentType === undefined) {
    return body?.required ? [violation('body', '', 'required', 'request body is required')] : [];
  }
  if (!body) return [violation('body', '', 'requestBody', `${operation.operationId} takes no request body`)];
  if (!Object.keys(body.content ?? {}).includes(request.contentType)) {
    const accepted = Object.keys(body.content ?? {}).join(', ');
    return [
      violation('header', '/content-type', 'content-type', `header 'content-type' must be ${accepted}, not '${request.contentType}'`),
    ];
  }
  if (validate && !validate(request.body)) return toViolations(validate.errors, 'body');
  return [];
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
 * them all would add 150 ms to every start-up.
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
