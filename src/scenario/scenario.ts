/** Faults to inject: latency and a share of 5xx answers, for all operations or per operation. */
export interface FaultSettings {
  /** Milliseconds per request: a fixed number, or "min-max" for a uniform draw. */
  latency?: number | string;
  /** Share of requests answered with a 500, from 0 to 1. */
  errorRate?: number;
}

export interface Scenario extends FaultSettings {
  /** Settings for single operations, by operationId; they override the general ones. */
  operations?: Record<string, FaultSettings>;
}

/** JSON Schema of a scenario; operation names are those of the spec. */
export function scenarioSchema(operationIds: string[]): object {
  const settings = {
    type: 'object',
    additionalProperties: false,
    properties: {
      latency: {
        oneOf: [
          { type: 'integer', minimum: 0, maximum: 600_000 },
          { type: 'string', pattern: '^\\d{1,6}(-\\d{1,6})?$' },
        ],
      },
      errorRate: { type: 'number', minimum: 0, maximum: 1 },
    },
  };
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...settings.properties,
      operations: { type: 'object', propertyNames: { enum: operationIds }, additionalProperties: settings },
    },
  };
}

/** A latency setting as a range in ms: `latencyRange('50-400')` → `[50, 400]`. */
export function latencyRange(latency: number | string | undefined): [number, number] {
  if (latency === undefined) return [0, 0];
  if (typeof latency === 'number') return [latency, latency];
  const [min, max = min] = latency.split('-').map(Number) as [number, number?];
  return [Math.min(min, max), Math.max(min, max)];
}
