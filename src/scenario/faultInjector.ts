import { createSeededRandomizer } from '../data/randomizer';
import { latencyRange, type Scenario } from './scenario';

/** What to do to one request: wait, and maybe fail. */
export interface Fault {
  latencyMs: number;
  error: boolean;
}

/**
 * Draws the faults of each request from the active scenario, with a PRNG seeded by the mock's
 * seed, so the same requests in the same order meet the same faults. The scenario can be switched
 * while the mock runs (control API).
 */
export class FaultInjector {
  private readonly random = createSeededRandomizer();

  constructor(
    private scenario: Scenario,
    seed: number,
  ) {
    this.random.seed([seed, 0xfa17]);
  }

  get active(): Scenario {
    return this.scenario;
  }

  switchTo(scenario: Scenario): void {
    this.scenario = scenario;
  }

  /** The fault for a request to `operationId`; `{ latencyMs: 0, error: false }` when none applies. */
  draw(operationId: string): Fault {
    const own = this.scenario.operations?.[operationId] ?? {};
    const [min, max] = latencyRange(own.latency ?? this.scenario.latency);
    const errorRate = own.errorRate ?? this.scenario.errorRate ?? 0;
    const latencyMs = max > min ? min + Math.floor(this.random.next() * (max - min + 1)) : min;
    const error = errorRate > 0 && this.random.next() < errorRate;
    return { latencyMs, error };
  }
}
