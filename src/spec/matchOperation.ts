import type { HttpMethod, Operation } from './operations';

/** The three outcomes of routing a request by the spec. */
export type RouteMatch =
  | { kind: 'matched'; operation: Operation; pathParams: Record<string, string> }
  | { kind: 'not_found' }
  | { kind: 'method_not_allowed'; allow: string[] };

interface CompiledPath {
  pattern: RegExp;
  names: string[];
  operations: Map<string, Operation>;
}

/**
 * Builds a matcher from the spec's path templates: `/jobs/{id}` matches `/jobs/abc` with `id = abc`.
 * Templates without parameters win over templated ones, as OpenAPI requires.
 */
export function createOperationMatcher(operations: Operation[]): (method: string, path: string) => RouteMatch {
  const byTemplate = new Map<string, CompiledPath>();
  for (const operation of operations) {
    let compiled = byTemplate.get(operation.pathTemplate);
    if (!compiled) {
      compiled = { ...compileTemplate(operation.pathTemplate), operations: new Map() };
      byTemplate.set(operation.pathTemplate, compiled);
    }
    compiled.operations.set(operation.method, operation);
  }
  const paths = [...byTemplate.values()].sort((a, b) => a.names.length - b.names.length);

  return (method, path) => {
    for (const compiled of paths) {
      const found = compiled.pattern.exec(path);
      if (!found) continue;
      const wanted = method.toLowerCase() as HttpMethod;
      // HEAD is GET without the body (RFC 9110), unless the spec describes HEAD itself.
      const operation = compiled.operations.get(wanted) ?? (wanted === 'head' ? compiled.operations.get('get') : undefined);
      if (!operation) return { kind: 'method_not_allowed', allow: allowed(compiled.operations) };
      const pathParams: Record<string, string> = {};
      compiled.names.forEach((name, i) => {
        pathParams[name] = safeDecode(found[i + 1] ?? '');
      });
      return { kind: 'matched', operation, pathParams };
    }
    return { kind: 'not_found' };
  };
}

function allowed(operations: Map<string, Operation>): string[] {
  const methods = [...operations.keys()].map((m) => m.toUpperCase());
  return operations.has('get') && !operations.has('head') ? [...methods, 'HEAD'] : methods;
}

function compileTemplate(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), names };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
