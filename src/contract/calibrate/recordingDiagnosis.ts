import { Diagnosis } from '../diagnose/diagnosis';
import type { Observation } from '../diagnose/observation';

/** A diagnosis that also keeps every observation, for calibration to turn into overlay actions. */
export class RecordingDiagnosis extends Diagnosis {
  readonly observations: Observation[] = [];

  override observe(observation: Observation, checkId: string): string | undefined {
    this.observations.push(observation);
    return super.observe(observation, checkId);
  }
}
