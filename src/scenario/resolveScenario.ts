import { loadScenario, loadScenarioCheck } from './loadScenario';
import type { Scenario } from './scenario';

/** The scenario a mock starts with: the --scenario file, with --latency and --error-rate over it. */
export async function resolveScenario(
  flags: { scenario: string | undefined; latency: string | undefined; errorRate: number | undefined },
  operationIds: string[],
): Promise<Scenario> {
  const fromFlags = Object.fromEntries(
    Object.entries({ latency: flags.latency, errorRate: flags.errorRate }).filter(([, value]) => value !== undefined),
  );
  // No faults asked for: nothing to check, and the control spec need not be read before the first answer.
  if (!flags.scenario && Object.keys(fromFlags).length === 0) return {};
  const check = await loadScenarioCheck(operationIds);
  const fromFile = flags.scenario ? await loadScenario(flags.scenario, check) : {};
  return check({ ...fromFile, ...fromFlags }, 'the --latency and --error-rate flags');
}
