/** RFC 6901 JSON pointers: the one place that escapes and unescapes their tokens. */

/** A key as a pointer token: `~` as `~0`, `/` as `~1`. */
export function escapeToken(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A pointer token as the key it names. */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The pointer of a path of keys: `['jobs', 0, 'a/b']` → `/jobs/0/a~1b`. */
export function pointerOf(path: readonly (string | number)[]): string {
  return path.map((key) => `/${escapeToken(key)}`).join('');
}

/** The keys a pointer names, in order: `/jobs/0/a~1b` → `['jobs', '0', 'a/b']`; none for the whole document (`''`). */
export function keysOf(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeToken);
}
