import type { InstanceTimeline } from '../data/timeline';
import type { FaultInjector } from '../scenario/faultInjector';
import type { Scenario } from '../scenario/scenario';
import type { VirtualClock } from './clock';
import type { ExecutionStore } from './executionStore';

/**
 * Where the state that requests change lives: the runs started through the mock, the clock and
 * the scenario. Engines read the local view (`executions`, `clock`, `faults`) synchronously; a
 * request first calls `refresh`, and every change goes through the store, so replicas that share
 * a store (Redis) agree. The in-process store is the default.
 */
export interface StateStore {
  readonly executions: ExecutionStore;
  readonly clock: VirtualClock;
  readonly faults: FaultInjector;
  /** Connects a shared store and takes its state, or seeds it (the first replica); awaited before the first request. */
  open(): Promise<void>;
  /** Brings the local view up to date; throws StateUnavailableError when the shared state cannot be reached. */
  refresh(): Promise<void>;
  /** Records a run of a job; the store numbers it (`ordinal`), so two replicas never give two runs one number. */
  addRun(jobId: string, make: (ordinal: number) => InstanceTimeline): Promise<InstanceTimeline>;
  /** Moves the clock (forward only: ClockError otherwise) and shares the new time. */
  moveClock(move: (clock: VirtualClock) => void): Promise<void>;
  switchScenario(scenario: Scenario): Promise<void>;
  /** Forgets every run started, everywhere. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** The shared state cannot be reached (Redis is down): answered with 503 until it is back. */
export class StateUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateUnavailableError';
  }
}
