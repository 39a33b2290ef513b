import fc from 'fast-check';
import { escapeToken, keysOf, pointerOf, unescapeToken } from './jsonPointer';

describe('JSON pointers', () => {
  it('escape ~ and / as RFC 6901 says', () => {
    expect(pointerOf(['jobs', 0, 'a/b', 'c~d', '~1'])).toBe('/jobs/0/a~1b/c~0d/~01');
    expect(pointerOf([])).toBe('');
  });

  it('give back the keys they were made of, whatever the keys', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', '/', '~', '0', '1', 'é') })), (keys) => {
        expect(keysOf(pointerOf(keys))).toEqual(keys);
        for (const key of keys) expect(unescapeToken(escapeToken(key))).toBe(key);
      }),
    );
  });
});
