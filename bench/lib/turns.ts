import type { BenchToolUse, TurnContender, TurnOutcome } from '../contenders/types.js';
import { timeCapped } from './timing.js';

export interface TurnSamples {
  contender: string;
  wallMs: number[];
  outcomes: TurnOutcome[];
  /** Repetitions the bench stopped waiting for at the cap. */
  capped: number;
}

export interface TurnPlan {
  toolUses: BenchToolUse[];
  repetitions: number;
  /** Longest the bench waits for one contender's turn. */
  capMs: number;
  /** Runs before every turn (e.g. reset simulator stats). */
  beforeTurn?: () => Promise<void> | void;
  /** Runs after every turn, with the contender's name and the outcome. */
  afterTurn?: (contender: string, capped: boolean) => Promise<void> | void;
}

/**
 * Runs the same tool_use batch through every contender, `repetitions` times, rotating who goes first in
 * each round so slow drift on the shared machine spreads over all of them. A turn that rejects counts as
 * delivering nothing (a naive Promise.all loses the whole turn on one throw); a capped turn likewise.
 */
export async function measureTurns(
  contenders: readonly TurnContender[],
  plan: TurnPlan,
): Promise<TurnSamples[]> {
  const samples = new Map<string, TurnSamples>(
    contenders.map((c) => [c.name, { contender: c.name, wallMs: [], outcomes: [], capped: 0 }]),
  );
  for (let round = 0; round < plan.repetitions; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const contender = contenders[(round + i) % contenders.length] as TurnContender;
      const entry = samples.get(contender.name) as TurnSamples;
      await plan.beforeTurn?.();
      const result = await timeCapped(() => settleTurn(contender, plan.toolUses), plan.capMs);
      entry.wallMs.push(result.ms);
      if (result.capped) entry.capped++;
      entry.outcomes.push(result.capped ? { total: plan.toolUses.length, usable: 0 } : result.value);
      await plan.afterTurn?.(contender.name, result.capped);
    }
  }
  return [...samples.values()];
}

async function settleTurn(contender: TurnContender, toolUses: BenchToolUse[]): Promise<TurnOutcome> {
  try {
    return await contender.runTurn(toolUses);
  } catch (error) {
    return {
      total: toolUses.length,
      usable: 0,
      threw: error instanceof Error ? error.message : String(error),
    };
  }
}
