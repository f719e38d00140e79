import { CallCancelledError } from './errors.js';

/**
 * A caller may join work whose deadline is at most this much earlier than its own: it loses less than
 * one useful attempt (`MIN_ATTEMPT_MS` in retry.ts), and turns started together still share one call.
 */
const JOIN_TOLERANCE_MS = 100;

interface InFlight<T> {
  promise: Promise<T>;
  controller: AbortController;
  callers: number;
  /** The shared work stops here: the deadline of the caller that started it. */
  deadlineAt: number;
}

/** One caller of `Coalescer.run`: it leaves when `signal` aborts; the work must serve it until `deadlineAt`. */
export interface CoalescedCaller {
  signal: AbortSignal;
  deadlineAt: number;
}

/**
 * Shares one execution between identical in-flight calls (same key), within a turn and across
 * concurrent turns. The shared work has its own AbortController, aborted only when every caller has
 * left (each caller's signal aborted), so one turn ending does not cancel work another turn still awaits.
 * A caller joins only work that runs about as long as it may wait (the work's deadline is not
 * earlier than its own, give or take `JOIN_TOLERANCE_MS`); otherwise it starts fresh work, which
 * later identical callers then join.
 */
export class Coalescer<T> {
  private readonly inFlight = new Map<string, InFlight<T>>();

  /** Runs `start` or joins the running execution for `key`; `shared` tells whether it was joined. */
  run(
    key: string,
    caller: CoalescedCaller,
    start: (signal: AbortSignal) => Promise<T>,
  ): { promise: Promise<T>; shared: boolean } {
    const running = this.inFlight.get(key);
    const shared = running !== undefined && running.deadlineAt >= caller.deadlineAt - JOIN_TOLERANCE_MS;
    const current = shared ? running : this.start(key, caller.deadlineAt, start);
    current.callers++;
    const leave = () => {
      current.callers--;
      if (current.callers === 0) {
        current.controller.abort(new CallCancelledError('every caller left'));
        if (this.inFlight.get(key) === current) this.inFlight.delete(key);
      }
    };
    const { signal } = caller;
    if (signal.aborted) leave();
    else {
      signal.addEventListener('abort', leave, { once: true });
      current.promise.then(
        () => signal.removeEventListener('abort', leave),
        () => signal.removeEventListener('abort', leave),
      );
    }
    return { promise: current.promise, shared };
  }

  get size(): number {
    return this.inFlight.size;
  }

  private start(key: string, deadlineAt: number, start: (signal: AbortSignal) => Promise<T>): InFlight<T> {
    const controller = new AbortController();
    const created: InFlight<T> = {
      controller,
      callers: 0,
      deadlineAt,
      promise: Promise.resolve(undefined as T),
    };
    created.promise = Promise.resolve()
      .then(() => start(controller.signal))
      .finally(() => {
        if (this.inFlight.get(key) === created) this.inFlight.delete(key);
      });
    this.inFlight.set(key, created);
    return created;
  }
}
