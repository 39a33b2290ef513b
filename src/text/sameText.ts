/**
 * Whether two texts are equal, compared in time that depends on their length only, not on where
 * the first difference is: for secrets and tokens. In plain JavaScript, so it runs in a browser.
 */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
