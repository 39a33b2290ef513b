import type { FaultInjector } from '../scenario/faultInjector';
import type { VirtualClock } from './clock';
import { ExecutionStore } from './executionStore';
import type { StateStore } from './stateStore';

/** The default store: the state lives in this process and is gone on restart. */
export function localStateStore(clock: VirtualClock, faults: FaultInjector): StateStore {
  const executions = new ExecutionStore();
  return {
    executions,
    clock,
    faults,
    refresh: async () => undefined,
    addRun: async (jobId, make) => {
      const run = make(executions.runsOf(jobId).length);
      executions.add(jobId, run);
      return run;
    },
    moveClock: async (move) => move(clock),
    switchScenario: async (scenario) => faults.switchTo(scenario),
    reset: async () => executions.reset(),
    close: async () => undefined,
  };
}
