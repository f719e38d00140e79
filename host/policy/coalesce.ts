import { CallCancelledError } from './errors.js';

interface InFlight<T> {
  promise: Promise<T>;
  controller: AbortController;
  callers: number;
}

/**
 * Shares one execution between identical in-flight calls (same key), within a turn and across
 * concurrent turns. The shared work has its own AbortController, aborted only when every caller has
 * left (each caller's signal aborted), so one turn ending does not cancel work another turn still awaits.
 */
export class Coalescer<T> {
  private readonly inFlight = new Map<string, InFlight<T>>();

  /** Runs `start` or joins the running execution for `key`; `shared` tells whether it was joined. */
  run(
    key: string,
    callerSignal: AbortSignal,
    start: (signal: AbortSignal) => Promise<T>,
  ): { promise: Promise<T>; shared: boolean } {
    let entry = this.inFlight.get(key);
    const shared = entry !== undefined;
    if (!entry) {
      const controller = new AbortController();
      const created: InFlight<T> = { controller, callers: 0, promise: Promise.resolve(undefined as T) };
      created.promise = Promise.resolve()
        .then(() => start(controller.signal))
        .finally(() => {
          if (this.inFlight.get(key) === created) this.inFlight.delete(key);
        });
      this.inFlight.set(key, created);
      entry = created;
    }
    const current = entry;
    current.callers++;
    const leave = () => {
      current.callers--;
      if (current.callers === 0) {
        current.controller.abort(new CallCancelledError('every caller left'));
        if (this.inFlight.get(key) === current) this.inFlight.delete(key);
      }
    };
    if (callerSignal.aborted) leave();
    else {
      callerSignal.addEventListener('abort', leave, { once: true });
      current.promise.then(
        () => callerSignal.removeEventListener('abort', leave),
        () => callerSignal.removeEventListener('abort', leave),
      );
    }
    return { promise: current.promise, shared };
  }

  get size(): number {
    return this.inFlight.size;
  }
}
