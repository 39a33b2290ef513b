import type { FaultInjector } from '../scenario/faultInjector';
import type { VirtualClock } from './clock';
import { ExecutionStore } from './executionStore';
import type { StateStore } from './stateStore';

/** The default store: the state lives in this process and is gone on restart. */
export function localStateStore(clock: VirtualClock, faults: FaultInjector): StateStore {
  const executions = new ExecutionStore();
  // Runs started per job, which numbers the next one: the store forgets old runs, the count does not.
  const started = new Map<string, number>();
  return {
    executions,
    clock,
    faults,
    open: async () => undefined,
    refresh: async () => undefined,
    addRun: async (jobId, make) => {
      const ordinal = started.get(jobId) ?? 0;
      const run = make(ordinal);
      started.set(jobId, ordinal + 1);
      executions.add(jobId, run);
      return run;
    },
    moveClock: async (move) => move(clock),
    switchScenario: async (scenario) => faults.switchTo(scenario),
    reset: async () => {
      executions.reset();
      started.clear();
    },
    close: async () => undefined,
  };
}
