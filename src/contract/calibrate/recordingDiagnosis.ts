import { Diagnosis } from '../diagnose/diagnosis';
import type { Observation } from '../diagnose/observation';
import { ObservationLog } from './observationLog';

/** A diagnosis that also logs the observations, bounded (see ObservationLog), for calibration to turn into overlay actions. */
export class RecordingDiagnosis extends Diagnosis {
  readonly log = new ObservationLog();

  override observe(observation: Observation, checkId: string): string | undefined {
    this.log.add(observation);
    return super.observe(observation, checkId);
  }
}
