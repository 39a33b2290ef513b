import fc from 'fast-check';
import { JobIdCodec } from './jobIds';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('JobIdCodec', () => {
  it('gives every index a v4 UUID that decodes back to it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 10_000_000 }), fc.nat(), (seed, count, n) => {
        const codec = new JobIdCodec(seed, count);
        const index = n % count;
        const id = codec.encode(index);
        expect(id).toMatch(uuid);
        expect(codec.decode(id)).toBe(index);
        expect(codec.decode(id.toUpperCase())).toBe(index);
      }),
    );
  });

  it('gives distinct ids to distinct jobs', () => {
    const codec = new JobIdCodec(42, 100_000);
    const ids = new Set(Array.from({ length: 100_000 }, (_, i) => codec.encode(i)));
    expect(ids.size).toBe(100_000);
  });

  it('rejects ids of other seeds, indexes past the count and random UUIDs', () => {
    const codec = new JobIdCodec(42, 50);
    expect(codec.decode(new JobIdCodec(43, 50).encode(3))).toBeUndefined();
    expect(codec.decode(new JobIdCodec(42, 100).encode(75))).toBeUndefined();
    fc.assert(fc.property(fc.uuid(), (id) => expect(codec.decode(id)).toBeUndefined()));
  });
});
