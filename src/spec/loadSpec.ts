import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { parseYaml } from '../text/parseYaml';
import { controlSpecPath, defaultSpecPath } from './bundledPaths';
import controlJson from './control.gen.json';
import { dereference } from './dereference';
import { SpecError } from './errors';
import rpaJobsJson from './rpa-jobs.gen.json';

export { bundledSpecPaths, controlSpecPath, defaultSpecPath } from './bundledPaths';

/** Their JSON form (npm run gen:types writes it; a test holds it to the YAML). */
const bundledDocuments = new Map<string, object>([
  [defaultSpecPath, rpaJobsJson],
  [controlSpecPath, controlJson],
]);

export type OpenApiDocument = OpenAPIV3_1.Document;

/**
 * Reads, validates and dereferences an OpenAPI 3.1 document.
 * Throws a SpecError naming the file and every problem found; never returns a half-read spec.
 * The bundled specs are only dereferenced, from their JSON form: their validity is checked by the
 * test suite, and checking them again would lengthen every start-up.
 */
export async function loadSpec(file: string = defaultSpecPath): Promise<OpenApiDocument> {
  let api: unknown;
  try {
    const bundled = bundledDocuments.get(path.resolve(file));
    api = bundled ? dereference(copyOf(bundled)) : await swaggerParser().validate(file);
  } catch (error) {
    throw new SpecError(file, error instanceof Error ? error.message : String(error));
  }
  const document = api as OpenApiDocument;
  if (typeof document.openapi !== 'string' || !document.openapi.startsWith('3.1')) {
    throw new SpecError(file, `only OpenAPI 3.1 is supported, this file is ${document.openapi}`);
  }
  return document;
}

/** A spec as written, not dereferenced: a fresh copy of a bundled one's JSON, or the file read as YAML (or JSON). */
export async function readPlainSpec(file: string): Promise<Record<string, unknown>> {
  const bundled = bundledDocuments.get(path.resolve(file));
  if (bundled) return copyOf(bundled) as Record<string, unknown>;
  // Through JSON: YAML aliases would otherwise share objects, and a change to one would change both.
  return JSON.parse(JSON.stringify(parseYaml(await readFile(file, 'utf8')))) as Record<string, unknown>;
}

/** swagger-parser, loaded only for a spec of the user's: a start with the bundled specs does not wait for it. */
export function swaggerParser(): typeof SwaggerParser {
  return require('@apidevtools/swagger-parser') as typeof SwaggerParser;
}

/**
 * A fresh copy, through JSON rather than structuredClone: its objects are of the caller's realm
 * (Jest runs tests in a realm of their own), which JSONPath and ajv rely on.
 */
function copyOf(document: object): object {
  return JSON.parse(JSON.stringify(document)) as object;
}
