/** The public API of rpa-mock: what users import. */
export { createMock, type Mock, type MockOverrides } from './createMock';
export { createProxy, type Proxy } from './createProxy';
export type { ProxyOptions } from './proxyOptions';
export { defaultOptions, resolveOptions, type MockOptions } from './options';
export { listen, close, ListenError } from './server/listen';
export { loadSpec, defaultSpecPath, type OpenApiDocument } from './spec/loadSpec';
export { SpecError } from './spec/errors';
export { FixtureError } from './fixtures/loadFixtures';
export { createFixtures } from './fixtures/createFixtures';
export { ScenarioError } from './scenario/loadScenario';
export type { Scenario } from './scenario/scenario';
export { VirtualClock, type Clock, type SettableClock } from './state/clock';
export {
  runContract,
  formatReport,
  toJUnit,
  exitCodeOf,
  readIonApi,
  fetchToken,
  tokenSource,
  staticToken,
  IonApiError,
  type ContractReport,
  type ContractOptions,
  type CheckResult,
  type CheckOutcome,
  type Finding,
  type IonApiCredentials,
  type TokenSource,
  type TokenSourceOptions,
} from './contract';
export type {
  Job,
  JobList,
  JobInstance,
  ExecuteRequest,
  Process,
  ProcessList,
  ProcessVersion,
  Problem,
  WireViolation as Violation,
  OperationId,
} from './spec/types';
