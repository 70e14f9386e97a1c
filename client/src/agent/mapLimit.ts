// A bounded parallel map: per-node SSH work (preflight) and per-cluster system reads (the sync view) both run
// through it. No ssh2 here, so the extension can use it without loading the agent bundle.

/**
 * Runs `fn` over the items with at most `limit` at a time; results keep the items' order. Once `signal` is
 * aborted no further item is started (those already running finish); the unstarted ones stay `undefined`.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
