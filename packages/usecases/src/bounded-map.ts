/**
 * `Promise.all(items.map(f))` with at most `limit` calls in flight, results in input order. A
 * vendor-wide read that fans out one query per hospital must not open a connection per hospital at
 * once: with a few hundred hospitals the SDK's socket set-ups time out (503) before DynamoDB is
 * even asked.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  f: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await f(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
