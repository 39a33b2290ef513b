import { fmix32, formatUuid, hashWords } from './hash';

/**
 * Job ids that encode their index: the first 32 bits are the index through a seed-keyed Feistel
 * permutation, the rest a hash of seed and index. So a job is found by id in O(1), without a table,
 * and ids still look random. Foreign or forged ids are rejected by re-encoding.
 */
export class JobIdCodec {
  private readonly keys: number[];
  /** Ids made recently, by index: a GET by id checks its id by making it again, and most ids are asked for often. */
  private readonly made = new Map<number, string>();

  constructor(
    private readonly seed: number,
    private readonly count: number,
  ) {
    this.keys = [1, 2, 3, 4].map((round) => hashWords([seed, 0x1d5, round]));
  }

  encode(index: number): string {
    let id = this.made.get(index);
    if (id === undefined) {
      id = this.make(index);
      if (this.made.size >= 4096) this.made.clear();
      this.made.set(index, id);
    }
    return id;
  }

  private make(index: number): string {
    const head = this.permute(index).toString(16).padStart(8, '0');
    const tail = [0, 1, 2].map((i) => hashWords([this.seed, index, 0x7a11, i]).toString(16).padStart(8, '0')).join('');
    return formatUuid(head + tail);
  }

  /** The index of a job id, or undefined when no job of this seed and count has it. */
  decode(id: string): number | undefined {
    const lower = id.toLowerCase();
    if (!/^[0-9a-f]{8}-/.test(lower)) return undefined;
    const index = this.unpermute(parseInt(lower.slice(0, 8), 16));
    if (index >= this.count || this.encode(index) !== lower) return undefined;
    return index;
  }

  private permute(value: number): number {
    let left = value >>> 16;
    let right = value & 0xffff;
    for (const key of this.keys) [left, right] = [right, (left ^ round(right, key)) & 0xffff];
    return ((left << 16) | right) >>> 0;
  }

  private unpermute(value: number): number {
    let left = value >>> 16;
    let right = value & 0xffff;
    for (const key of [...this.keys].reverse()) [left, right] = [(right ^ round(left, key)) & 0xffff, left];
    return ((left << 16) | right) >>> 0;
  }
}

function round(half: number, key: number): number {
  return fmix32(half ^ key) & 0xffff;
}
