import type { Job } from '../../spec/types';

/** Lists of at most this many jobs are kept whole; longer ones are streamed piece by piece. */
export const wholeListJobs = 256;
/** Lists kept at once: an environment and a type each. */
const maxLists = 32;

/**
 * The whole text of short lists, by environment and type. A list's text is served again while
 * every job renders to the very object it was made from (renderJob serves the same object until a
 * job's wire form changes), so a list costs a look at each job, not a serialization and a join.
 * At most 32 lists of at most 256 jobs, so the cache stays small whatever is asked.
 */
export class ListTextCache {
  private readonly lists = new Map<string, { jobs: readonly Job[]; text: string }>();

  /** The text of the list `key` of `jobs`, from the cache when the jobs are the same objects, or made by `make`. */
  textOf(key: string, jobs: readonly Job[], make: () => string): string {
    const cached = this.lists.get(key);
    if (cached && sameObjects(cached.jobs, jobs)) return cached.text;
    const text = make();
    if (!cached && this.lists.size >= maxLists) this.lists.clear();
    this.lists.set(key, { jobs, text });
    return text;
  }
}

function sameObjects(a: readonly Job[], b: readonly Job[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
