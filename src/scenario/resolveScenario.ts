import { checkScenario, loadScenario } from './loadScenario';
import type { Scenario } from './scenario';

/** The scenario a mock starts with: the --scenario file, with --latency and --error-rate over it. */
export async function resolveScenario(
  flags: { scenario: string | undefined; latency: string | undefined; errorRate: number | undefined },
  operationIds: string[],
): Promise<Scenario> {
  const fromFile = flags.scenario ? await loadScenario(flags.scenario, operationIds) : {};
  const fromFlags = Object.fromEntries(
    Object.entries({ latency: flags.latency, errorRate: flags.errorRate }).filter(([, value]) => value !== undefined),
  );
  return checkScenario({ ...fromFile, ...fromFlags }, operationIds, 'the --latency and --error-rate flags');
}
