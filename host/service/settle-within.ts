/**
 * Waits until every promise has settled, or `ms` has passed, whichever is first; `true` if they all
 * settled. The timer is cleared either way, so nothing is left to keep the process alive.
 */
export async function settleWithin(promises: Iterable<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([Promise.allSettled(promises).then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
