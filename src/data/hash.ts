/**
 * Small, fast, seeded hashing: the mock needs a few numbers per job (its id, environment and
 * type) without running the full generator, so filters and look-ups stay cheap.
 */

/** murmur3's 32-bit finaliser: a bijection on 32-bit integers that mixes every bit. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes a list of 32-bit integers into one: `hashWords([seed, index, salt])`. */
export function hashWords(words: number[]): number {
  let h = 0x9e3779b9;
  for (const word of words) h = fmix32(h ^ fmix32((word >>> 0) + Math.imul(h, 31)));
  return h;
}

/** A float in [0, 1) from a list of integers. */
export function unitFloat(words: number[]): number {
  return hashWords(words) / 0x100000000;
}

/** Hashes a string to a 32-bit integer (FNV-1a). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A version-4-shaped UUID whose bits come from hashing `words`; the same words, the same UUID. */
export function uuidFromWords(words: number[]): string {
  const parts = [0, 1, 2, 3].map((i) =>
    hashWords([...words, i])
      .toString(16)
      .padStart(8, '0'),
  );
  return formatUuid(parts.join(''));
}

/** Formats 32 hex digits as a UUID with version 4 and the RFC 4122 variant. */
export function formatUuid(hex: string): string {
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
