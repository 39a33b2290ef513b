import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { Overlay } from '../../spec/overlay/applyOverlay';
import { loadSpecBundle } from '../../spec/specBundle';
import { listItemsKey } from '../diagnose/unwrapList';
import { resolveContractOptions, type ContractOptions } from '../options';
import { runContract } from '../runContract';
import type { ContractReport } from '../types';
import { overlayActions } from './overlayActions';
import { rawLocations } from './rawLocations';
import { RecordingDiagnosis } from './recordingDiagnosis';

export interface Calibration {
  overlay: Overlay;
  /** The verify run the sample came from. */
  report: ContractReport;
  /** What the overlay does not adapt: documented fields the tenant lacks, checks that could not run. */
  notes: string[];
}

/**
 * Samples a tenant with the checks' read-only requests (an execution only with `allowExecute`,
 * which also sends the unknown-id `_execute`) and returns an OpenAPI Overlay 1.0 document that
 * adapts the spec to what the tenant serves, each action carrying its evidence.
 */
export async function calibrateTenant(options: Partial<ContractOptions> & { baseUrl: string }): Promise<Calibration> {
  const resolved = resolveContractOptions(options);
  const raw = JSON.parse(JSON.stringify(parse(await readFile(resolved.specPath, 'utf8')))) as Record<string, unknown>;
  const bundle = await loadSpecBundle(resolved.specPath);
  const recorder = new RecordingDiagnosis();
  const skipChecks = resolved.allowExecute ? [] : ['executeJob/unknown-id'];
  const report = await runContract({ ...resolved, inferred: 'fail', overlays: [], skipChecks }, bundle.document, recorder);
  const list = bundle.operations
    .map((operation) => operation.responses[String(operation.successStatus)]?.content?.['application/json']?.schema)
    .find((schema) => listItemsKey(schema) !== undefined);
  const actions = overlayActions({
    raw,
    homes: rawLocations(bundle.document),
    observations: recorder.observations,
    listSchema: list,
    errorHomes: errorHomes(raw, bundle.operations),
  });
  return {
    overlay: {
      overlay: '1.0.0',
      info: { title: `rpa-mock calibration of ${resolved.baseUrl} (environment '${resolved.environment}')`, version: report.startedAt },
      actions,
    },
    report,
    notes: notesOf(report),
  };
}

/** Where each operation's error responses are written in the plain spec, following a `$ref` to its component. */
function errorHomes(
  raw: Record<string, unknown>,
  operations: { operationId: string; method: string; pathTemplate: string; responses: Record<string, unknown> }[],
) {
  const homes = new Map<string, Map<number, string[]>>();
  for (const operation of operations) {
    const perStatus = new Map<number, string[]>();
    for (const status of Object.keys(operation.responses).filter((s) => /^[45]\d\d$/.test(s))) {
      const path = ['paths', operation.pathTemplate, operation.method, 'responses', status];
      const node = path.reduce<unknown>((n, key) => (n as Record<string, unknown>)[key], raw) as { $ref?: string };
      perStatus.set(Number(status), node.$ref ? node.$ref.slice(2).split('/') : path);
    }
    homes.set(operation.operationId, perStatus);
  }
  return homes;
}

function notesOf(report: ContractReport): string[] {
  const notes: string[] = [];
  const missing = new Set(
    report.checks.flatMap((check) =>
      check.findings.filter((f) => f.rule === 'required' && !f.inferred).map((f) => f.pointer!.replace(/\/\d+\//g, '/*/')),
    ),
  );
  for (const pointer of missing) notes.push(`documented field missing at ${pointer}: it stays required, so verify keeps failing on it`);
  for (const check of report.checks) if (check.outcome === 'error') notes.push(`${check.id} could not run: ${check.reason}`);
  return notes;
}
