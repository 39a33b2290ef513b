import { SetupError } from '../../errors/setupError';
import type { Overlay } from '../../spec/overlay/applyOverlay';
import { overlaidSpec } from '../../spec/overlay/loadOverlaidSpec';
import { loadSpecBundle } from '../../spec/specBundle';
import { readPlainSpec } from '../../spec/loadSpec';
import { resolveContractOptions, type ContractOptions } from '../options';
import { runContract } from '../runContract';
import type { ContractReport } from '../types';
import { overlayActions } from './overlayActions';
import { rawLocations } from './rawLocations';
import { RecordingDiagnosis } from './recordingDiagnosis';
import { Recording } from './replay';
import { errorHomes } from './errorHomes';
import { notesOf, unlearnedOf } from './calibrationNotes';
import { learnedFor, perOperationActions, splitsOf } from './perOperation';

export interface Calibration {
  overlay: Overlay;
  /** The verify run the sample came from. */
  report: ContractReport;
  /** What the overlay does not adapt: documented fields the tenant lacks, checks that could not run. */
  notes: string[];
  /**
   * What the sample showed that the overlay does not accept (the same checks, run again on the
   * recorded answers with the overlay): empty when calibrated verify passes on this sample.
   * Undefined when the sample was too large to keep for that proof.
   */
  unlearned: string[] | undefined;
}

/** A tenant calibration cannot learn from: an error body for an answer, or nothing to sample. Exit 2. */
export class CalibrationRefused extends SetupError {}

/**
 * Samples a tenant with the checks' read-only requests (an execution only with `allowExecute`,
 * which also sends the unknown-id `_execute`) and returns an OpenAPI Overlay 1.0 document that
 * adapts the spec to what the tenant serves, each action carrying its evidence; then verifies the
 * recorded sample with the overlay, so that what it could not learn is listed, never hidden.
 */
export async function calibrateTenant(options: Partial<ContractOptions> & { baseUrl: string }): Promise<Calibration> {
  const resolved = resolveContractOptions(options);
  const raw = await readPlainSpec(resolved.specPath);
  const bundle = await loadSpecBundle(resolved.specPath);
  const recorder = new RecordingDiagnosis();
  const recording = new Recording();
  const skipChecks = resolved.allowExecute ? [] : ['executeJob/unknown-id'];
  const sampling = { ...resolved, inferred: 'fail' as const, overlays: [], skipChecks };
  const report = await runContract(
    { ...sampling, wrapSend: (send) => recording.wrap(resolved.wrapSend?.(send) ?? send) },
    bundle.document,
    recorder,
  );
  refuseToLearn(report);
  const homes = rawLocations(bundle.document);
  const learned = recorder.learned.all();
  const actionsOf = (learnedHere: typeof learned) =>
    overlayActions({
      raw,
      homes,
      observations: recorder.log.observations,
      count: (observation) => recorder.log.count(observation),
      errorHomes: errorHomes(raw, bundle.operations),
      learned: learnedHere,
      operations: bundle.operations,
    });
  // Where a list and the job by id write a field differently, each operation learns its own form.
  const splits = splitsOf(bundle.operations, report, learned);
  const shared = actionsOf(learnedFor(learned, splits, 'byId'));
  const actions =
    splits.length === 0 ? shared : perOperationActions(raw, shared, actionsOf(learnedFor(learned, splits, 'list')), splits, homes);
  const overlay: Overlay = {
    overlay: '1.0.0',
    info: { title: `rpa-mock calibration of ${resolved.baseUrl} (environment '${resolved.environment}')`, version: report.startedAt },
    actions,
  };
  let unlearned: string[] | undefined;
  if (recording.complete) {
    const calibrated = await overlaidSpec(resolved.specPath, [{ file: 'the calibration', overlay }]);
    const replayed = await runContract({ ...sampling, wrapSend: () => recording.replay() }, calibrated);
    unlearned = unlearnedOf(replayed);
  }
  const bounded = recorder.log.overflow
    ? ['the answers showed more than 50,000 distinct habits (field names, extra fields …): the first 50,000 were learned from']
    : [];
  return { overlay, report, notes: [...notesOf(report), ...bounded], unlearned };
}

/** An answer that is not the API's, or a sample with nothing in it, is nothing to learn from. */
function refuseToLearn(report: ContractReport): void {
  const refusal = report.rootCauses.find((cause) => cause.key === 'not-the-api');
  if (refusal)
    throw new CalibrationRefused(`calibrate learns nothing from ${report.baseUrl}: ${refusal.message} (${refusal.examples.join('; ')})`);
  if (report.sampled.jobs === 0) {
    const unreachable = report.checks.find((check) => check.outcome === 'error');
    throw new CalibrationRefused(
      unreachable
        ? `calibrate learns nothing from ${report.baseUrl}: ${unreachable.id} could not run (${unreachable.reason})`
        : `calibrate learns nothing from ${report.baseUrl}: environment '${report.environment}' lists no jobs. Pass --environment with one that has jobs`,
    );
  }
}
