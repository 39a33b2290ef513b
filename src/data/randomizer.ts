import type { Randomizer } from '@faker-js/faker';
import { hashWords } from './hash';

/**
 * A Faker randomizer that reseeds in O(1): sfc32 seeded through hashWords. Faker's default
 * Mersenne Twister rebuilds its whole state on every reseed, and the mock reseeds once per job it renders.
 */
export function createSeededRandomizer(): Randomizer {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 1;
  const nextWord = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  return {
    next: () => nextWord() / 0x100000000,
    seed(seed) {
      const words = (Array.isArray(seed) ? seed : [seed]).map((value) => Math.floor(value) >>> 0);
      a = hashWords([...words, 1]);
      b = hashWords([...words, 2]);
      c = hashWords([...words, 3]);
      d = 1;
      for (let i = 0; i < 12; i++) nextWord();
    },
  };
}
