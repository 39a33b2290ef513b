import { generatedJobSource } from '../data/jobSource';
import { defaultReferenceTime, portableDefaults } from '../defaults';
import type { MockOptions } from '../options';
import type { Scenario } from '../scenario/scenario';
import { scenarioCheck } from '../scenario/scenarioCheck';
import { bundleOf } from '../spec/bundleOf';
import controlJson from '../spec/control.gen.json';
import { dereference } from '../spec/dereference';
import type { OpenApiDocument } from '../spec/loadSpec';
import { applyOverlay, type Overlay } from '../spec/overlay/applyOverlay';
import rpaJobsJson from '../spec/rpa-jobs.gen.json';
import { assembleMock, type AssembledMock } from './assembleMock';

/** The options of a mock that reads no files (the MSW handlers, the Playwright adapter): the serve options that make sense in a test or a browser. */
export interface PortableOptions extends Partial<
  Pick<MockOptions, 'seed' | 'jobs' | 'clock' | 'strict' | 'authToken' | 'bodyLimit' | 'gateway' | 'tokenLifetime' | 'plainPaths'>
> {
  /** The instant generated data is relative to: epoch ms or an RFC 3339 date-time; `--now`'s default. */
  now?: number | string;
  /** Latency and errors to inject, as a scenario file or `PUT /__mock/scenario` gives them. */
  scenario?: Scenario;
  /**
   * OpenAPI Overlays applied to the spec first, in order, as parsed objects (nothing here reads a
   * file): with a tenant's calibration the mock answers in that tenant's shape, paging included.
   */
  overlays?: Overlay[];
}

/** A portable mock: the assembly and its settings. */
export interface PortableMock extends AssembledMock {
  settings: typeof portableDefaults & PortableOptions;
}

/**
 * Builds a mock from options objects, from the bundled spec's JSON: what the MSW handlers and the
 * Playwright adapter serve, answering as `rpa-mock serve` does for the same seed, jobs and clock.
 * `adapter` names the caller in messages (`createHandlers`).
 */
export function portableMock(options: PortableOptions, adapter: string): PortableMock {
  const settings = { ...portableDefaults, ...definedOf(options) };
  if (settings.gateway !== undefined && settings.authToken !== undefined)
    throw new TypeError(`${adapter}: gateway and authToken exclude each other: behind the gateway, tokens come from its token endpoint`);
  const document = copyOf(rpaJobsJson) as Record<string, unknown>;
  (options.overlays ?? []).forEach((overlay, i) => applyOverlay(document, overlay, `overlay ${i}`));
  const bundle = bundleOf(dereference(document) as OpenApiDocument);
  const operationIds = bundle.operations.map((operation) => operation.operationId);
  const scenario = options.scenario
    ? scenarioCheck(dereference(copyOf(controlJson)) as OpenApiDocument, operationIds)(options.scenario, 'the scenario')
    : {};
  const referenceTime = timeOf(options.now, adapter);
  const mock = assembleMock({
    bundle,
    settings,
    source: generatedJobSource(settings.seed, settings.jobs, referenceTime),
    referenceTime,
    scenario,
    calibrated: (options.overlays ?? []).length > 0,
  });
  return { ...mock, settings };
}

function timeOf(now: number | string | undefined, adapter: string): number {
  if (now === undefined) return defaultReferenceTime;
  const time = typeof now === 'number' ? now : Date.parse(now);
  if (!Number.isFinite(time)) throw new TypeError(`${adapter}: now must be epoch ms or an RFC 3339 date-time, not ${String(now)}`);
  return time;
}

function definedOf<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function copyOf(document: object): object {
  return JSON.parse(JSON.stringify(document)) as object;
}
