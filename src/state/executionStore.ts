import type { InstanceTimeline } from '../data/timeline';

const noRuns: readonly InstanceTimeline[] = Object.freeze([]);

/** Runs started through the mock that a job keeps: its newest 100; older ones are forgotten. */
export const maxRunsPerJob = 100;
/** Runs kept for all jobs together, a bound on the memory runs take: past it, the least recently executed job forgets its oldest. */
export const maxRuns = 100_000;

/**
 * The runs started through the mock, per job id, bounded: at most `maxRunsPerJob` per job and
 * `maxRuns` in all, the oldest forgotten first, so executing without end cannot grow memory (or a
 * job's answer) without end. Lives in the process; `reset` forgets them all.
 */
export class ExecutionStore {
  /** Least recently executed job first. */
  private readonly byJob = new Map<string, InstanceTimeline[]>();
  private total = 0;

  constructor(
    private readonly perJob = maxRunsPerJob,
    private readonly overall = maxRuns,
  ) {}

  /**
   * The runs kept for a job, oldest first: the same array until a run is added, one is forgotten or
   * the state is reset, so a job's rendering can be reused while it is the same.
   */
  runsOf(jobId: string): readonly InstanceTimeline[] {
    return this.byJob.get(jobId) ?? noRuns;
  }

  add(jobId: string, run: InstanceTimeline): void {
    const runs = this.byJob.get(jobId) ?? [];
    // A new array: a kept one may have been handed out by runsOf.
    const kept = runs.length >= this.perJob ? [...runs.slice(runs.length - this.perJob + 1), run] : [...runs, run];
    this.total += kept.length - runs.length;
    this.byJob.delete(jobId);
    this.byJob.set(jobId, kept);
    this.trim();
  }

  reset(): void {
    this.byJob.clear();
    this.total = 0;
  }

  /**
   * Takes another store's runs wholesale (a replica catching up with the shared state), within the
   * same bounds: the jobs ordered by their newest run (then by id), as the replica that wrote them
   * ordered them by execution, so replicas past the overall bound forget the same runs.
   */
  replaceAll(byJob: ReadonlyMap<string, InstanceTimeline[]>): void {
    this.reset();
    const newest = (runs: InstanceTimeline[]) => runs.at(-1)?.queued_at ?? -Infinity;
    const ordered = [...byJob].sort(([a, runsA], [b, runsB]) => newest(runsA) - newest(runsB) || (a < b ? -1 : a > b ? 1 : 0));
    for (const [jobId, runs] of ordered) {
      const kept = runs.length > this.perJob ? runs.slice(runs.length - this.perJob) : runs;
      this.byJob.set(jobId, kept);
      this.total += kept.length;
    }
    this.trim();
  }

  /** Over the overall bound, the least recently executed jobs forget their oldest runs. */
  private trim(): void {
    while (this.total > this.overall) {
      const [jobId, runs] = this.byJob.entries().next().value!;
      const drop = Math.min(runs.length, this.total - this.overall);
      if (drop === runs.length) this.byJob.delete(jobId);
      else this.byJob.set(jobId, runs.slice(drop));
      this.total -= drop;
    }
  }
}
