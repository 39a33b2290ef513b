/**
 * `fn` over every item, at most `limit` at a time, the results in the items' order (so a report
 * reads the same whatever answered first). `await mapConcurrently(ids, 4, (id) => fetchJob(id))`.
 */
export async function mapConcurrently<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
