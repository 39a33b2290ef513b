import type { components } from '../spec/control.gen';

/**
 * Faults to inject: latency and a share of 5xx answers, for all operations or per operation. The
 * shape is the control API's `Scenario` schema (spec/control.openapi.yaml), the one place it is written.
 */
export type Scenario = components['schemas']['Scenario'];
type Latency = components['schemas']['Latency'];

/** A latency setting as a range in ms: `latencyRange('50-400')` → `[50, 400]`. */
export function latencyRange(latency: Latency | undefined): [number, number] {
  if (latency === undefined) return [0, 0];
  if (typeof latency === 'number') return [latency, latency];
  const [min, max = min] = latency.split('-').map(Number) as [number, number?];
  return [Math.min(min, max), Math.max(min, max)];
}
