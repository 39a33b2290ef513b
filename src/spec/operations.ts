import type { OpenAPIV3_1 } from 'openapi-types';
import type { OpenApiDocument } from './loadSpec';
import type { PagingScheme } from './calibration/pagingScheme';

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof httpMethods)[number];

/** One operation of the spec, with what the pipeline needs to match and validate it. */
export interface Operation {
  operationId: string;
  method: HttpMethod;
  pathTemplate: string;
  parameters: OpenAPIV3_1.ParameterObject[];
  requestBody: OpenAPIV3_1.RequestBodyObject | undefined;
  responses: Record<string, OpenAPIV3_1.ResponseObject>;
  /** Whether the operation needs credentials (the spec's `security`, or the document's). */
  secured: boolean;
  /** True when the spec marks the operation `x-inferred`: the documentation did not settle it. */
  inferred: boolean;
  /** The status of the answer when all goes well: the first 2xx the spec declares. */
  successStatus: number;
  /** The spec's `default` of each query parameter that has one, applied when the parameter is absent. */
  queryDefaults: Record<string, unknown>;
  /** How a calibrated list pages (`x-paging`, see PagingScheme); undefined for a list that is all there is. */
  paging?: PagingScheme;
  /** The RPA roles that may call it (`x-rpa-roles`); every role when absent. */
  roles?: string[];
}

/**
 * Lists every operation of a dereferenced document; the spec is the routing table.
 * Path-level parameters are merged into each operation, operation-level ones win.
 */
export function indexOperations(api: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [pathTemplate, item] of Object.entries(api.paths ?? {})) {
    if (!item) continue;
    for (const method of httpMethods) {
      const operation = item[method];
      if (!operation) continue;
      if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${pathTemplate} has no operationId`);
      const parameters = mergeParameters(item.parameters, operation.parameters);
      const security = operation.security ?? api.security ?? [];
      const responses = (operation.responses ?? {}) as Record<string, OpenAPIV3_1.ResponseObject>;
      operations.push({
        operationId: operation.operationId,
        method,
        pathTemplate,
        parameters,
        requestBody: operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined,
        responses,
        secured: security.some((requirement) => Object.keys(requirement).length > 0),
        inferred: (operation as { 'x-inferred'?: boolean })['x-inferred'] === true,
        successStatus: successStatusOf(responses, `${operation.operationId} (${method.toUpperCase()} ${pathTemplate})`),
        queryDefaults: queryDefaultsOf(parameters),
        paging: (operation as { 'x-paging'?: PagingScheme })['x-paging'],
        roles: (operation as { 'x-rpa-roles'?: string[] })['x-rpa-roles'],
      });
    }
  }
  return operations;
}

function successStatusOf(responses: Record<string, OpenAPIV3_1.ResponseObject>, where: string): number {
  const success = Object.keys(responses).find((status) => /^2\d\d$/.test(status));
  if (success === undefined) throw new Error(`${where} declares no 2xx answer`);
  return Number(success);
}

function queryDefaultsOf(parameters: OpenAPIV3_1.ParameterObject[]): Record<string, unknown> {
  const withDefault = parameters.filter((p) => p.in === 'query' && (p.schema as { default?: unknown } | undefined)?.default !== undefined);
  return Object.fromEntries(withDefault.map((p) => [p.name, (p.schema as { default: unknown }).default]));
}

function mergeParameters(
  pathLevel: OpenAPIV3_1.PathItemObject['parameters'],
  operationLevel: OpenAPIV3_1.OperationObject['parameters'],
): OpenAPIV3_1.ParameterObject[] {
  const byKey = new Map<string, OpenAPIV3_1.ParameterObject>();
  for (const parameter of [...(pathLevel ?? []), ...(operationLevel ?? [])]) {
    const p = parameter as OpenAPIV3_1.ParameterObject;
    byKey.set(`${p.in}:${p.name}`, p);
  }
  return [...byKey.values()];
}

/** The schema of an operation's successful answer, for its first media type (dereferenced). */
export function successSchema(operation: Operation): Record<string, unknown> | undefined {
  return Object.values(operation.responses[String(operation.successStatus)]?.content ?? {})[0]?.schema as
    Record<string, unknown> | undefined;
}
