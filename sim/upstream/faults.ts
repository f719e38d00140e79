import { z } from 'zod';
import { ROUTE_NAMES, type RouteName } from './routes/index.js';

/**
 * A fault injected into one route. `status`, `hang` and `malformed` say how a failing request fails
 * (first that is set wins: hang, then malformed, then status; `flap`/`failNext` alone fail with 503);
 * `failNext` and `flap` say which requests fail (neither: all of them); `latencyMs` delays every matching
 * request; `match` limits the fault to requests whose path+query contains the string.
 */
export const Fault = z.strictObject({
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  status: z.number().int().min(400).max(599).optional(),
  hang: z.boolean().optional(),
  malformed: z.boolean().optional(),
  flap: z.strictObject({ period: z.number().int().min(1) }).optional(),
  failNext: z.number().int().min(1).optional(),
  match: z.string().min(1).optional(),
});
export type Fault = z.infer<typeof Fault>;

/** Faults by route name, as in a `--faults` file or the `faults` option. */
export const FaultConfig = z.partialRecord(z.enum(ROUTE_NAMES), Fault);
export type FaultConfig = z.infer<typeof FaultConfig>;

export type Failure = 'hang' | 'malformed' | { status: number };
/** What to do with one request: wait, then fail this way (or answer normally when `failure` is unset). */
export interface FaultDecision {
  latencyMs: number;
  failure?: Failure;
}

function failureOf(fault: Fault): Failure | undefined {
  if (fault.hang) return 'hang';
  if (fault.malformed) return 'malformed';
  if (fault.status !== undefined) return { status: fault.status };
  return fault.flap || fault.failNext ? { status: 503 } : undefined;
}

/** The faults of every route, with the per-route counters that `flap` and `failNext` need. */
export class FaultTable {
  readonly #faults = new Map<RouteName, { fault: Fault; matched: number }>();

  constructor(initial: FaultConfig = {}) {
    for (const [route, fault] of Object.entries(initial) as Array<[RouteName, Fault]>) this.set(route, fault);
  }

  /** Sets (or, with null, clears) a route's fault; setting restarts its flap/failNext counting. */
  set(route: RouteName, fault: Fault | null): void {
    if (fault) this.#faults.set(route, { fault, matched: 0 });
    else this.#faults.delete(route);
  }

  clear(): void {
    this.#faults.clear();
  }

  list(): FaultConfig {
    return Object.fromEntries([...this.#faults].map(([route, { fault }]) => [route, fault]));
  }

  decide(route: RouteName, target: string): FaultDecision {
    const entry = this.#faults.get(route);
    if (!entry || (entry.fault.match !== undefined && !target.includes(entry.fault.match)))
      return { latencyMs: 0 };
    const { fault } = entry;
    const index = entry.matched++;
    const failing =
      fault.failNext !== undefined
        ? index < fault.failNext
        : fault.flap
          ? Math.floor(index / fault.flap.period) % 2 === 1 // ok for `period` requests, then fail for `period`
          : true;
    const failure = failing ? failureOf(fault) : undefined;
    return failure ? { latencyMs: fault.latencyMs ?? 0, failure } : { latencyMs: fault.latencyMs ?? 0 };
  }
}
