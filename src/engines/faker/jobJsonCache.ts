import type { Job } from '../../spec/types';

/**
 * The JSON text of rendered jobs, bounded in bytes, the least recently used dropped first.
 * Keyed by the rendered Job object: renderJob serves the same object until the job's wire form
 * changes, so a changed job misses by construction and its stale text just ages out. Lists of the
 * same environment sent at the same time share the texts instead of each serializing every job.
 */
export class JobJsonCache {
  private readonly texts = new Map<Job, string>();
  private bytes = 0;

  constructor(readonly budgetBytes: number) {}

  /** The JSON of `job`, from the cache or made now. */
  jsonOf(job: Job): string {
    let json = this.texts.get(job);
    if (json !== undefined) {
      // Most recently used moves to the end, so the oldest is first in line to go.
      this.texts.delete(job);
      this.texts.set(job, json);
      return json;
    }
    json = JSON.stringify(job);
    this.texts.set(job, json);
    this.bytes += weightOf(json);
    while (this.bytes > this.budgetBytes && this.texts.size > 0) {
      const [oldest, text] = this.texts.entries().next().value!;
      this.texts.delete(oldest);
      this.bytes -= weightOf(text);
    }
    return json;
  }

  get size(): number {
    return this.bytes;
  }
}

/** The text and, roughly as much again, the Job object it keeps alive. */
function weightOf(json: string): number {
  return json.length * 2;
}
