/**
 * The extensions a calibrated spec uses to keep each wire shape linked to what the documentation
 * says, so the checks read and the mock writes documented values in one place:
 * - `x-field` on a property: the documented field it stands for (`jobName` → `job_name`);
 * - `x-documented-values` beside `enum`: the documented value of each wire value, in order;
 * - `x-documented-type` on a scalar: the documented type of a value the tenant sends as another;
 * - `x-documented-envelope` on a list: the documented wrapper's item and count fields;
 * - `x-documented-format` on a date-time the tenant writes in another form (epoch milliseconds …);
 * - `x-omitted-when-null` on a property the tenant leaves out rather than send as `null`;
 * - `x-differs-by-operation` on a property the tenant writes one way in a list and another by id:
 *   each operation has its own schema for it, and the two are not compared;
 * - `x-learned` on a schema calibration learned and put beside the spec's in an `anyOf`: the mock
 *   writes a scalar there in the tenant's form, one of its `enum` or `examples` (the values seen).
 */
export interface WireExtensions {
  'x-field'?: string;
  'x-documented-values'?: unknown[];
  'x-documented-type'?: string;
  'x-documented-envelope'?: { items: string; count: string };
  'x-documented-format'?: { format: 'date-time'; wire: string };
  'x-learned'?: true;
  'x-omitted-when-null'?: true;
  'x-differs-by-operation'?: true;
}

/** See `x-differs-by-operation` above. */
export const differsByOperation = 'x-differs-by-operation';
