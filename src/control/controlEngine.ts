import type { Engine, EngineAnswer, EngineRequest } from '../core/engine';
import type { components, operations } from '../spec/control.gen';
import { createProblem } from '../errors/problem';
import { ScenarioError, type ScenarioCheck } from '../scenario/loadScenario';

import { checkRepresentableTime, UnrepresentableTimeError } from '../data/representableTime';
import { ClockError, type SettableClock, type VirtualClock } from '../state/clock';
import type { Journal } from '../state/journal';
import type { StateStore } from '../state/stateStore';

/** The state the control API reads and changes; the proxy has no store (no clock, runs or scenario), only a journal. */
export interface ControlState {
  /** What this server is, for the inspector. */
  info: components['schemas']['Info'];
  store?: StateStore;
  /** The mock's one reset (runs, clock, scenario, forced answers, tokens); the proxy has none. */
  reset?: () => Promise<void>;
  journal: Journal;
  /** The operations of the API, for checking scenarios. */
  operationIds: string[];
}

type Handler = (state: ControlState & { checkScenario: ScenarioCheck }, request: EngineRequest) => EngineAnswer | Promise<EngineAnswer>;

const handlers: Record<keyof operations, Handler> = {
  getInfo: ({ info }) => ({ status: 200, body: info }),
  getClock: ({ store }) => (store ? clockAnswer(store.clock) : absent('clock')),
  setClock: ({ store }, { body }) => {
    if (!store) return absent('clock');
    const { now } = body as { now: string };
    // The schema's pattern refuses second 60 and years outside 1970–9999; an offset can still carry a time across either end.
    const problem = checkRepresentableTime(now);
    if (problem !== undefined) return unrepresentable('/now', problem);
    return moveClock(store, '/now', (clock) => clock.set(Date.parse(now)));
  },
  advanceClock: ({ store }, { body }) =>
    store
      ? moveClock(store, '/seconds', (clock) => clock.advance(Math.round((body as { seconds: number }).seconds * 1000)))
      : absent('clock'),
  resetState: async ({ reset, journal }) => {
    await reset?.();
    journal.clear();
    return { status: 200, body: { reset: true } };
  },
  getScenario: ({ store }) => ({ status: 200, body: store?.faults.active ?? {} }),
  setScenario: async ({ store, checkScenario }, { body }) => {
    if (!store) return absent('scenario');
    try {
      await store.switchScenario(checkScenario(body, 'the scenario'));
    } catch (error) {
      if (error instanceof ScenarioError) return { status: 400, body: createProblem('invalid_request', error.message) };
      throw error;
    }
    return { status: 200, body: store.faults.active };
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

/** Backwards is a conflict with the clock's state (409); a time it cannot hold is a bad request (400). */
async function moveClock(store: StateStore, pointer: string, move: (clock: VirtualClock) => void): Promise<EngineAnswer> {
  try {
    await store.moveClock(move);
  } catch (error) {
    if (error instanceof ClockError) return { status: 409, body: createProblem('conflict', error.message) };
    if (error instanceof UnrepresentableTimeError) return unrepresentable(pointer, error.rule);
    throw error;
  }
  return clockAnswer(store.clock);
}

function unrepresentable(pointer: string, rule: string): EngineAnswer {
  const message = `request body at ${pointer}: ${rule}`;
  return {
    status: 400,
    body: createProblem('invalid_request', `The clock cannot be moved there: ${rule}.`, [
      { location: 'body', pointer, rule: 'representable-time', message },
    ]),
  };
}

function absent(what: string): EngineAnswer {
  return { status: 404, body: createProblem('not_found', `This command has no ${what} to control.`) };
}
