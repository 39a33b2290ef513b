import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SpecError } from './errors';
import { bundledSpecPaths, defaultSpecPath, loadSpec, type OpenApiDocument } from './loadSpec';
import { bundleOf, type SpecBundle } from './bundleOf';
import { loadOverlaidSpec } from './overlay/loadOverlaidSpec';

/** The bundled specs never change while the process runs: each is read and compiled once. */
const bundledCache = new Map<string, Promise<SpecBundle>>();
/**
 * The same overlays on the same spec give the same bundle: kept by content (a calibration verified,
 * then served, is checked and compiled once), the newest few only.
 */
const overlaidCache = new Map<string, Promise<SpecBundle>>();
const overlaidCacheSize = 8;

/**
 * Loads a spec, with overlays applied in order when given, and compiles what serving and checking it need.
 * `const { operations, match, validators } = await loadSpecBundle()`. Throws a SpecError on a bad spec.
 */
export function loadSpecBundle(file?: string, overlays: string[] = []): Promise<SpecBundle> {
  const resolved = path.resolve(file ?? defaultSpecPath);
  if (overlays.length > 0) return overlaidBundle(resolved, overlays);
  if (!bundledSpecPaths.includes(resolved)) return loadSpec(resolved).then(compiledFrom(resolved));
  let bundle = bundledCache.get(resolved);
  if (!bundle) {
    bundle = loadSpec(resolved).then(compiledFrom(resolved));
    bundledCache.set(resolved, bundle);
  }
  return bundle;
}

async function overlaidBundle(specPath: string, overlays: string[]): Promise<SpecBundle> {
  // An overlay that cannot be read is loadOverlaidSpec's to report: its key is its name.
  const contents = await Promise.all(overlays.map((file) => readFile(file, 'utf8').catch(() => `unreadable ${file}`)));
  const key = JSON.stringify([
    specPath,
    specPath.startsWith(path.dirname(defaultSpecPath)) ? '' : await readFile(specPath, 'utf8').catch(() => ''),
    ...contents,
  ]);
  let bundle = overlaidCache.get(key);
  if (!bundle) {
    bundle = loadOverlaidSpec(specPath, overlays).then(compiledFrom(specPath));
    bundle.catch(() => overlaidCache.delete(key));
    overlaidCache.set(key, bundle);
    if (overlaidCache.size > overlaidCacheSize) overlaidCache.delete(overlaidCache.keys().next().value!);
  }
  return bundle;
}

/**
 * Compiles a valid OpenAPI document into what serving it needs; what it cannot serve (an operation
 * without an operationId or without a 2xx answer, a parameter or request schema ajv refuses) is a
 * SpecError naming it.
 */
function compiledFrom(file: string): (document: OpenApiDocument) => SpecBundle {
  return (document) => {
    try {
      return bundleOf(document);
    } catch (error) {
      throw new SpecError(file, error instanceof Error ? error.message : String(error));
    }
  };
}
