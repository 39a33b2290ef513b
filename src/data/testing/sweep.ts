/**
 * How far property tests sweep: a quick sweep by default, so `npm test` stays under a minute, and a
 * full one with FULL_PROPERTIES=1, which CI sets. `{ numRuns: sweep(10, 200) }`.
 */
export function sweep(quick: number, full: number): number {
  return process.env.FULL_PROPERTIES === '1' ? full : quick;
}
