import type { CallRecord } from '../../host/index.js';
import type { Ours } from '../contenders/ours.js';
import type { TurnContender } from '../contenders/types.js';
import type { BenchEnv } from '../env/bench-env.js';
import { FOUR_TOOLS, turnOf } from '../workload.js';

/** Contenders whose turn never rejects by contract: a rejection from them is a crash. */
export const MUST_NOT_THROW = ['sdk-tool-runner', 'ours'] as const;

/**
 * One untimed zero-latency turn per contender: opens connections, compiles hot paths, and records a
 * last-good value of every tool on the server (what `X_cached` serves in the fault scenarios).
 */
export async function warmUpTurns(env: BenchEnv, contenders: readonly TurnContender[]): Promise<void> {
  await env.sim.clearFaults();
  for (const contender of contenders) {
    await contender.runTurn(turnOf(FOUR_TOOLS, `warm_${contender.name}`)).catch(() => undefined);
  }
}

/** Counts our host's call outcomes (`call-end` records) while a scenario runs, for its setup notes. */
export function oursOutcomes(ours: Ours): { summary(): Record<string, number> } {
  const counts: Record<string, number> = {};
  ours.host.events.on('call-end', (record: CallRecord) => {
    const key = `${record.mcpTool}: ${record.outcome}`;
    counts[key] = (counts[key] ?? 0) + 1;
  });
  return { summary: () => ({ ...counts }) };
}
