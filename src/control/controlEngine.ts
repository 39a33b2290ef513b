import type { Engine, EngineAnswer, EngineRequest } from '../engines/engine';
import type { operations } from '../spec/control.gen';
import { createProblem } from '../errors/problem';
import type { FaultInjector } from '../scenario/faultInjector';
import { ScenarioError, type ScenarioCheck } from '../scenario/loadScenario';
import { ClockError, type SettableClock } from '../state/clock';
import type { ExecutionStore } from '../state/executionStore';
import type { Journal } from '../state/journal';

/** The state the control API reads and changes; parts a command lacks (the proxy has no clock) are absent. */
export interface ControlState {
  clock?: SettableClock;
  executions?: ExecutionStore;
  faults?: FaultInjector;
  journal: Journal;
  /** The operations of the API, for checking scenarios. */
  operationIds: string[];
}

type Handler = (state: ControlState & { checkScenario: ScenarioCheck }, request: EngineRequest) => EngineAnswer;

const handlers: Record<keyof operations, Handler> = {
  getClock: ({ clock }) => (clock ? clockAnswer(clock) : absent('clock')),
  setClock: ({ clock }, { body }) =>
    clock ? moveClock(clock, () => clock.set(Date.parse((body as { now: string }).now))) : absent('clock'),
  advanceClock: ({ clock }, { body }) =>
    clock ? moveClock(clock, () => clock.advance(Math.round((body as { seconds: number }).seconds * 1000))) : absent('clock'),
  resetState: ({ executions, journal }) => {
    executions?.reset();
    journal.clear();
    return { status: 200, body: { reset: true } };
  },
  getScenario: ({ faults }) => ({ status: 200, body: faults?.active ?? {} }),
  setScenario: ({ faults, checkScenario }, { body }) => {
    if (!faults) return absent('scenario');
    try {
      faults.switchTo(checkScenario(body, 'the scenario'));
    } catch (error) {
      if (error instanceof ScenarioError) return { status: 400, body: createProblem('invalid_request', error.message) };
      throw error;
    }
    return { status: 200, body: faults.active };
  },
  getJournal: ({ journal }, { query }) => ({
    status: 200,
    body: { capacity: journal.capacity, entries: journal.read(query.limit === undefined ? undefined : Number(query.limit)) },
  }),
};

/** Answers the control API (spec/control.openapi.yaml) from the mock's state. */
export function createControlEngine(state: ControlState, checkScenario: ScenarioCheck): Engine {
  const context = { ...state, checkScenario };
  return {
    name: 'control',
    answer: async (request) => {
      const handler = handlers[request.operation.operationId as keyof operations];
      if (!handler) throw new Error(`the control API has no handler for ${request.operation.operationId}`);
      return handler(context, request);
    },
  };
}

function clockAnswer(clock: SettableClock): EngineAnswer {
  return { status: 200, body: { now: new Date(clock.now()).toISOString(), mode: clock.mode } };
}

function moveClock(clock: SettableClock, move: () => void): EngineAnswer {
  try {
    move();
  } catch (error) {
    if (error instanceof ClockError) return { status: 409, body: createProblem('conflict', error.message) };
    throw error;
  }
  return clockAnswer(clock);
}

function absent(what: string): EngineAnswer {
  return { status: 404, body: createProblem('not_found', `This command has no ${what} to control.`) };
}
