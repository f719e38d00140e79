import type { Transport } from '../env/server.js';
import type { Row } from '../lib/results.js';

export interface BenchContext {
  quick: boolean;
  transport: Transport;
  /** Progress lines (stderr), so a long run shows where it is. */
  progress(message: string): void;
}

export interface ScenarioReport {
  /** What the scenario set up: latencies, faults, counts, the host policy used, caps. */
  setup: Record<string, unknown>;
  rows: Row[];
}

export interface Scenario {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<ScenarioReport>;
}

/** Picks the quick or the full value of a knob. */
export function pick<T>(ctx: BenchContext, values: { quick: T; full: T }): T {
  return ctx.quick ? values.quick : values.full;
}
