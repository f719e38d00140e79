/**
 * A fresh AbortController per call or attempt, aborted by any parent signal or by its own timer. It
 * does not abort after `dispose()`, so a finished MCP request never gets a stray `notifications/cancelled`.
 */
export interface LinkedAbort {
  readonly signal: AbortSignal;
  /** True when the controller's own timer (not a parent) aborted it. */
  readonly timedOut: boolean;
  dispose(): void;
}

export function linkedAbort(
  parents: ReadonlyArray<AbortSignal | undefined>,
  timeoutMs?: number,
): LinkedAbort {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const cleanups: Array<() => void> = [];
  const abort = (reason: unknown) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  for (const parent of parents) {
    if (!parent) continue;
    if (parent.aborted) abort(parent.reason);
    const onAbort = () => abort(parent.reason);
    parent.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => parent.removeEventListener('abort', onAbort));
  }
  if (timeoutMs !== undefined && !controller.signal.aborted) {
    timer = setTimeout(
      () => {
        timedOut = true;
        abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError'));
      },
      Math.max(0, timeoutMs),
    );
  }
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose() {
      clearTimeout(timer);
      for (const cleanup of cleanups) cleanup();
    },
  };
}

/** A signal that aborts at an absolute time (ms since epoch); `dispose` clears the timer. */
export function deadlineAbort(
  deadlineAt: number,
  parents: ReadonlyArray<AbortSignal | undefined> = [],
): LinkedAbort {
  return linkedAbort(parents, deadlineAt - Date.now());
}

/** Settles with `work`, or rejects with the signal's reason as soon as it aborts. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
