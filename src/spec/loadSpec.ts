import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { SpecError } from './errors';

/** The spec shipped with the package: the RPA Jobs contract. */
export const defaultSpecPath = path.resolve(__dirname, '../../spec/rpa-jobs.openapi.yaml');
/** The control API's own spec, served under /__mock. */
export const controlSpecPath = path.resolve(__dirname, '../../spec/control.openapi.yaml');
/** The specs shipped with the package, the API's first. */
export const bundledSpecPaths = [defaultSpecPath, controlSpecPath];

export type OpenApiDocument = OpenAPIV3_1.Document;

/**
 * Reads, validates and dereferences an OpenAPI 3.1 document.
 * Throws a SpecError naming the file and every problem found; never returns a half-read spec.
 * The bundled specs are only dereferenced: their validity is checked by the test suite, and checking
 * it again would cost 300 ms of every start-up.
 */
export async function loadSpec(file: string = defaultSpecPath): Promise<OpenApiDocument> {
  let api: unknown;
  try {
    api = bundledSpecPaths.includes(path.resolve(file)) ? await SwaggerParser.dereference(file) : await SwaggerParser.validate(file);
  } catch (error) {
    throw new SpecError(file, error instanceof Error ? error.message : String(error));
  }
  const document = api as OpenApiDocument;
  if (typeof document.openapi !== 'string' || !document.openapi.startsWith('3.1')) {
    throw new SpecError(file, `only OpenAPI 3.1 is supported, this file is ${document.openapi}`);
  }
  return document;
}
