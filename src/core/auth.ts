/**
 * Whether an Authorization header carries `Bearer <token>`. Compared in time that depends on the
 * length only, not on where the first difference is; in plain JavaScript, so it runs in a browser.
 */
export function isAuthorized(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  const given = match[1]!;
  if (given.length !== token.length) return false;
  let difference = 0;
  for (let i = 0; i < token.length; i++) difference |= given.charCodeAt(i) ^ token.charCodeAt(i);
  return difference === 0;
}
