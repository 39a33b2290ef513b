import type { Job } from '../../spec/types';

/**
 * The JSON text of listed jobs, by job index, bounded in bytes, the least recently used dropped
 * first. A text is served again only for the very Job object it was made from: renderJob serves
 * the same object until the job's wire form changes, so a changed job misses by construction.
 * The object is held weakly: the cache keeps texts alive, never jobs. Lists of the same
 * environment sent at the same time share the texts instead of each serializing every job.
 */
export class JobJsonCache {
  private readonly texts = new Map<number, { job: WeakRef<Job>; json: string }>();
  private bytes = 0;

  constructor(readonly budgetBytes: number) {}

  /** The JSON of `job`, the job at `index`, from the cache or made now. */
  jsonOf(index: number, job: Job): string {
    const cached = this.texts.get(index);
    if (cached) {
      this.texts.delete(index);
      this.bytes -= weightOf(cached.json);
      if (cached.job.deref() === job) return this.keep(index, cached);
    }
    return this.keep(index, { job: new WeakRef(job), json: JSON.stringify(job) });
  }

  get size(): number {
    return this.bytes;
  }

  /** Puts an entry last in line to go, and lets the oldest go while over budget. */
  private keep(index: number, entry: { job: WeakRef<Job>; json: string }): string {
    this.texts.set(index, entry);
    this.bytes += weightOf(entry.json);
    while (this.bytes > this.budgetBytes) {
      const [oldest, dropped] = this.texts.entries().next().value!;
      this.texts.delete(oldest);
      this.bytes -= weightOf(dropped.json);
    }
    return entry.json;
  }
}

/** A text's bytes (two per character at worst) and its entry. */
function weightOf(json: string): number {
  return json.length + 100;
}
