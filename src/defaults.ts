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
  /** No gateway in front of the API unless asked for (serve --gateway <tenant>). */
  gateway: undefined as string | undefined,
  /**
   * Seconds a gateway token is valid: two hours, what an ION API authorized app is usually given;
   * the tenant admin sets it, so the documentation gives no one value.
   */
  tokenLifetime: 7200,
  /** With a gateway, the API is also served at its plain paths (/api/v1/…). */
  plainPaths: true,
};
