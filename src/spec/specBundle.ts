import path from 'node:path';
import { compileValidators, type OperationValidator } from '../validator';
import { bundledSpecPaths, defaultSpecPath, loadSpec, type OpenApiDocument } from './loadSpec';
import { createOperationMatcher, type RouteMatch } from './matchOperation';
import { indexOperations, type Operation } from './operations';
import { loadOverlaidSpec } from './overlay/loadOverlaidSpec';

/** Everything a spec gives the mock, the proxy, the control API and verify: built once per spec. */
export interface SpecBundle {
  document: OpenApiDocument;
  /** The operations in the spec's order. */
  operations: Operation[];
  byId: Map<string, Operation>;
  match: (method: string, path: string) => RouteMatch;
  validators: Map<string, OperationValidator>;
}

/** The bundled specs never change while the process runs: each is read and compiled once. */
const bundledCache = new Map<string, Promise<SpecBundle>>();

/**
 * Loads a spec, with overlays applied in order when given, and compiles what serving and checking it need.
 * `const { operations, match, validators } = await loadSpecBundle()`. Throws a SpecError on a bad spec.
 */
export function loadSpecBundle(file?: string, overlays: string[] = []): Promise<SpecBundle> {
  const resolved = path.resolve(file ?? defaultSpecPath);
  if (overlays.length > 0) return loadOverlaidSpec(resolved, overlays).then(bundleOf);
  if (!bundledSpecPaths.includes(resolved)) return loadSpec(resolved).then(bundleOf);
  let bundle = bundledCache.get(resolved);
  if (!bundle) {
    bundle = loadSpec(resolved).then(bundleOf);
    bundledCache.set(resolved, bundle);
  }
  return bundle;
}

/** The bundle of a document already loaded. */
export function bundleOf(document: OpenApiDocument): SpecBundle {
  const operations = indexOperations(document);
  return {
    document,
    operations,
    byId: new Map(operations.map((operation) => [operation.operationId, operation])),
    match: createOperationMatcher(operations),
    validators: compileValidators(operations),
  };
}
