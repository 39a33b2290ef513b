import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * Keywords OpenAPI 3.1 allows in schemas that JSON Schema 2020-12 does not define, and the
 * spec's own extensions: provenance (`x-inferred`, `x-documented-fields`), documented spellings
 * (`x-aliases`), personal data (`x-personal`) and, in a calibrated spec, the link of each wire shape to the documented one
 * (see src/spec/calibration/wireExtensions.ts).
 */
const openApiKeywords = [
  'example',
  'discriminator',
  'xml',
  'externalDocs',
  'x-inferred',
  'x-aliases',
  'x-documented-fields',
  'x-field',
  'x-documented-values',
  'x-documented-type',
  'x-documented-envelope',
  'x-documented-format',
  'x-learned',
  'x-omitted-when-null',
  'x-differs-by-operation',
  'x-personal',
];

/**
 * An ajv instance for OpenAPI 3.1 schemas (JSON Schema 2020-12) that collects every violation,
 * verbose so each error carries its schema and value (for the x-inferred note and drift hints).
 * `coerce` is for parameters, which arrive as strings and are read as their schema's type.
 */
export function createAjv({ coerce = false }: { coerce?: boolean } = {}): Ajv2020 {
  // The meta-schema check is off: the spec is validated as a whole when it is loaded, and compiling
  // the 2020-12 meta-schema for each instance would lengthen the start.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    coerceTypes: coerce,
    validateFormats: true,
    validateSchema: false,
    verbose: true,
  });
  addFormats(ajv);
  for (const keyword of openApiKeywords) ajv.addKeyword(keyword);
  return ajv;
}
