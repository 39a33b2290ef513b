import path from 'node:path';
import type SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import controlJson from './control.gen.json';
import { dereference } from './dereference';
import { SpecError } from './errors';
import rpaJobsJson from './rpa-jobs.gen.json';

/** The spec shipped with the package: the RPA Jobs contract. */
export const defaultSpecPath = path.resolve(__dirname, '../../spec/rpa-jobs.openapi.yaml');
/** The control API's own spec, served under /__mock. */
export const controlSpecPath = path.resolve(__dirname, '../../spec/control.openapi.yaml');
/** The specs shipped with the package, the API's first. */
export const bundledSpecPaths = [defaultSpecPath, controlSpecPath];
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
 * test suite, and reading and checking them again would cost 300 ms of every start-up.
 */
export async function loadSpec(file: string = defaultSpecPath): Promise<OpenApiDocument> {
  let api: unknown;
  try {
    const bundled = bundledDocuments.get(path.resolve(file));
    api = bundled ? dereference(structuredClone(bundled)) : await swaggerParser().validate(file);
  } catch (error) {
    throw new SpecError(file, error instanceof Error ? error.message : String(error));
  }
  const document = api as OpenApiDocument;
  if (typeof document.openapi !== 'string' || !document.openapi.startsWith('3.1')) {
    throw new SpecError(file, `only OpenAPI 3.1 is supported, this file is ${document.openapi}`);
  }
  return document;
}

/** swagger-parser, loaded only for a spec of the user's: 50 ms that the bundled specs do not need. */
function swaggerParser(): typeof SwaggerParser {
  return require('@apidevtools/swagger-parser') as typeof SwaggerParser;
}
