import type { InstanceTimeline } from '../data/timeline';

const noRuns: readonly InstanceTimeline[] = Object.freeze([]);

/** The runs started through the mock, per job id. Lives in the process; `reset` forgets them all. */
export class ExecutionStore {
  private readonly byJob = new Map<string, InstanceTimeline[]>();

  /** The runs started for a job, oldest first; the same array until a run is added or state reset. */
  runsOf(jobId: string): readonly InstanceTimeline[] {
    return this.byJob.get(jobId) ?? noRuns;
  }

  add(jobId: string, run: InstanceTimeline): void {
    const runs = this.byJob.get(jobId);
    if (runs) runs.push(run);
    else this.byJob.set(jobId, [run]);
  }

  reset(): void {
    this.byJob.clear();
  }

  /** Takes another store's runs wholesale (a replica catching up with the shared state). */
  replaceAll(byJob: ReadonlyMap<string, InstanceTimeline[]>): void {
    this.byJob.clear();
    for (const [jobId, runs] of byJob) this.byJob.set(jobId, runs);
  }
}
