import { ROUTE_NAMES, type RouteName } from './routes/index.js';

/** Per-route request counters. `aborted`: the client closed the connection before the answer was sent. */
export interface RouteStats {
  requests: number;
  completed: number;
  aborted: number;
  inFlight: number;
}
export type SimStats = Record<RouteName, RouteStats>;

export class StatsTable {
  #stats = StatsTable.#empty();

  static #empty(): SimStats {
    return Object.fromEntries(
      ROUTE_NAMES.map((route) => [route, { requests: 0, completed: 0, aborted: 0, inFlight: 0 }]),
    ) as SimStats;
  }

  /** Counts a request in; the returned function counts it out (answered or aborted) exactly once. */
  begin(route: RouteName): (outcome: 'completed' | 'aborted') => void {
    const stats = this.#stats[route];
    stats.requests++;
    stats.inFlight++;
    let done = false;
    return (outcome) => {
      if (done) return;
      done = true;
      stats.inFlight--;
      stats[outcome]++;
    };
  }

  snapshot(): SimStats {
    return structuredClone(this.#stats);
  }

  /** Zeroes the counters; `inFlight` is a gauge, so requests still open stay counted there. */
  reset(): void {
    for (const route of ROUTE_NAMES)
      Object.assign(this.#stats[route], { requests: 0, completed: 0, aborted: 0 });
  }
}
