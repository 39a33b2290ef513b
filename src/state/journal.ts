import type { Violation } from '../validator/violations';
import type { Fault } from '../scenario/faultInjector';

/** One request as the journal keeps it. */
export interface JournalEntry {
  id: number;
  /** When it arrived, wall-clock time. */
  at: string;
  method: string;
  url: string;
  operationId: string | null;
  status: number;
  durationMs: number;
  request: { valid: boolean; violations: Violation[] };
  /** `valid` is null when there was no operation to check the answer against. */
  response: { valid: boolean | null; violations: Violation[] };
  fault?: Fault;
}

/** An entry whose answer is checked only when someone reads the journal: no cost per request. */
export type PendingEntry = Omit<JournalEntry, 'id' | 'response'> & { checkResponse: () => Violation[] | null };

/**
 * The last requests, bounded: the oldest goes when a new one comes and the journal is full. Only the
 * newest `keptAnswers` unread answers are kept for checking; an older one is let go unchecked
 * (`valid: null`), so a burst of huge lists cannot pile up in memory.
 */
export class Journal {
  private readonly entries: (JournalEntry | (PendingEntry & { id: number }))[] = [];
  private nextId = 1;

  constructor(
    readonly capacity: number,
    private readonly keptAnswers = 50,
  ) {}

  record(entry: PendingEntry): void {
    (entry as PendingEntry & { id: number }).id = this.nextId++;
    this.entries.push(entry as PendingEntry & { id: number });
    if (this.entries.length > this.capacity) this.entries.shift();
    const released = this.entries.length - 1 - this.keptAnswers;
    const old = this.entries[released];
    if (old && 'checkResponse' in old) {
      const { checkResponse, ...rest } = old;
      this.entries[released] = { ...rest, response: { valid: null, violations: [] } };
    }
  }

  /** The last `limit` entries, newest first, their answers checked now if they were not yet. */
  read(limit = this.capacity): JournalEntry[] {
    const start = Math.max(0, this.entries.length - limit);
    for (let i = start; i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      if ('checkResponse' in entry) {
        const { checkResponse, ...rest } = entry;
        const violations = checkResponse();
        this.entries[i] = {
          ...rest,
          response: { valid: violations === null ? null : violations.length === 0, violations: violations ?? [] },
        };
      }
    }
    return (this.entries.slice(start) as JournalEntry[]).reverse();
  }

  clear(): void {
    this.entries.length = 0;
  }
}
