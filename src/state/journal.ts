import type { components } from '../spec/control.gen';

/** The validation of one side of an exchange, as the journal shows it (the control spec's `Validation`). */
export type Validation = components['schemas']['Validation'];

/** One request as the journal keeps it: the control spec's `JournalEntry`, the one place its shape is written. */
export type JournalEntry = components['schemas']['JournalEntry'];

/**
 * An answer kept to be checked when someone reads the journal: its text and a check of the text,
 * which captures the validator and the status but never the answer's objects.
 */
export interface KeptAnswer {
  text: string;
  check: (text: string) => Validation;
}

/** An entry as recorded: its answer either already judged or kept for a check on reading. */
export type PendingEntry = Omit<JournalEntry, 'id' | 'response'> & { response: Validation | KeptAnswer };

type Stored = Omit<JournalEntry, 'response'> & { response: Validation | KeptAnswer; bytes: number };

/** What an entry costs besides the text it keeps, roughly: its fields and violations. */
const entryOverhead = 400;
const violationBytes = 300;

/**
 * The last requests, bounded by count and by bytes: the entries and the answer texts they keep for
 * a later check together stay within `budgetBytes`, dropping the oldest first. An answer larger
 * than a quarter of the budget is not kept at all (`valid: null` with a note), so one huge list
 * cannot empty the journal.
 */
export class Journal {
  /** Oldest first, from `first` on: dropping the oldest moves `first`, not every other entry. */
  private entries: (Stored | undefined)[] = [];
  private first = 0;
  private nextId = 1;
  private bytes = 0;

  constructor(
    readonly capacity: number,
    readonly budgetBytes = 32 * 1024 * 1024,
  ) {}

  /** The largest answer text kept for a check, in characters. */
  get largestKept(): number {
    return Math.floor(this.budgetBytes / 4);
  }

  /** Keeps `entry`, which it takes over (the caller makes it for the journal and lets go of it). */
  record(entry: PendingEntry): void {
    let response = entry.response;
    if ('text' in response && response.text.length > this.largestKept)
      response = { valid: null, violations: [], note: `not kept: the answer (${response.text.length} bytes) is too large for the journal` };
    // The entry becomes the stored one: the journal owns it from here, and a copy would cost four
    // times the rest of this method.
    const stored = entry as Stored;
    stored.response = response;
    stored.id = this.nextId++;
    stored.bytes = sizeOf(stored);
    this.entries.push(stored);
    this.bytes += stored.bytes;
    while (this.count > this.capacity || (this.bytes > this.budgetBytes && this.count > 1)) {
      this.bytes -= this.entries[this.first]!.bytes;
      this.entries[this.first++] = undefined;
    }
    if (this.first >= 1024 && this.first * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.first);
      this.first = 0;
    }
  }

  private get count(): number {
    return this.entries.length - this.first;
  }

  /** The last `limit` entries, newest first, their answers checked now if they were not yet. */
  read(limit = this.capacity): JournalEntry[] {
    const start = Math.max(this.first, this.entries.length - limit);
    for (let i = start; i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      if ('text' in entry.response) {
        entry.response = entry.response.check(entry.response.text);
        this.bytes -= entry.bytes;
        entry.bytes = sizeOf(entry);
        this.bytes += entry.bytes;
      }
    }
    return (this.entries.slice(start) as Stored[]).map(({ bytes: _bytes, ...entry }) => entry as JournalEntry).reverse();
  }

  /** The bytes the journal holds now, estimated. */
  get size(): number {
    return this.bytes;
  }

  clear(): void {
    this.entries = [];
    this.first = 0;
    this.bytes = 0;
  }
}

function sizeOf(entry: Stored): number {
  const text = 'text' in entry.response ? entry.response.text.length : 0;
  const violations = entry.request.violations.length + ('violations' in entry.response ? entry.response.violations.length : 0);
  return entryOverhead + entry.url.length + text + violations * violationBytes;
}
