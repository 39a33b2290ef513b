/** The public API of rpa-mock: what users import. */
export { createMock, type Mock, type MockOverrides } from './createMock';
export { defaultOptions, resolveOptions, type MockOptions } from './options';
export { listen, close, ListenError } from './server/listen';
export { loadSpec, defaultSpecPath, type OpenApiDocument } from './spec/loadSpec';
export { SpecError } from './spec/errors';
export { FixtureError } from './fixtures/loadFixtures';
export { createFixtures } from './fixtures/createFixtures';
export { VirtualClock, type Clock, type SettableClock } from './state/clock';
export type { Job, JobList, JobInstance, Problem, Violation } from './spec/types';
