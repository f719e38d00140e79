import type { CallContender } from '../contenders/types.js';
import { nowMs } from './timing.js';

export interface CallPlan {
  tool: string;
  input: (n: number) => Record<string, unknown>;
  count: number;
  concurrency: number;
  /** Keep each call's latency (off for the memory scenario: the samples would be what grows). */
  keepLatencies?: boolean;
}

export interface CallRun {
  wallMs: number;
  /** CPU time of this (the client) process while the calls ran: what the contender itself costs. */
  cpuMs: number;
  latenciesMs: number[];
  failures: number;
  /** The first thrown error, if any call threw. */
  threw?: string;
}

/** `count` calls through one contender, `concurrency` at a time (a fixed set of workers pulling the next n). */
export async function runCalls(contender: CallContender, plan: CallPlan): Promise<CallRun> {
  const latenciesMs: number[] = [];
  let next = 0;
  let failures = 0;
  let threw: string | undefined;
  const worker = async () => {
    while (next < plan.count) {
      const n = next++;
      const began = nowMs();
      try {
        if (!(await contender.call(plan.tool, plan.input(n)))) failures++;
      } catch (error) {
        failures++;
        threw ??= error instanceof Error ? error.message : String(error);
      }
      if (plan.keepLatencies !== false) latenciesMs.push(nowMs() - began);
    }
  };
  const start = nowMs();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: Math.min(plan.concurrency, plan.count) }, worker));
  const used = process.cpuUsage(cpu);
  return { wallMs: nowMs() - start, cpuMs: (used.user + used.system) / 1000, latenciesMs, failures, threw };
}
