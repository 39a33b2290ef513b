/**
 * The defaults that need nothing of Node: shared by `rpa-mock serve` (through defaultOptions) and
 * the MSW handlers, which run in a browser too.
 */

/** The fixed instant generated data is relative to unless told otherwise. */
export const defaultReferenceTime = Date.parse('2026-03-14T09:30:00.000Z');

export const portableDefaults = {
  seed: 42,
  jobs: 50,
  clock: 'running' as 'running' | 'frozen',
  strict: false,
  authToken: undefined as string | undefined,
  bodyLimit: 100 * 1024,
};
