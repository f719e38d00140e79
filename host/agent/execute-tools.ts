import type Anthropic from '@anthropic-ai/sdk';
import { untilAborted } from '../policy/linked-abort.js';
import type { RunScope } from './run-scope.js';
import { allFailed, pairResults } from './tool-results.js';
import type { ExecuteTurn, ToolUse } from './types.js';

/** Extra time the executor gets past the turn deadline to deliver its own fallbacks before we stop waiting. */
const GRACE_MS = 1_000;

/**
 * Runs one turn's tool calls through the executor and always comes back with exactly one result per
 * call. The executor gets the turn deadline (bounded by what is left of the run) and a signal; if it
 * overruns anyway, or throws, the calls are answered as is_error rather than stalling or breaking the
 * run. Only the run being stopped (deadline, cancel) is thrown.
 */
export async function executeTools(
  executeTurn: ExecuteTurn,
  toolUses: ToolUse[],
  turnDeadlineMs: number,
  scope: RunScope,
): Promise<Anthropic.ToolResultBlockParam[]> {
  const deadlineMs = Math.max(1, Math.min(turnDeadlineMs, scope.remainingMs()));
  const overrun = AbortSignal.timeout(deadlineMs + GRACE_MS);
  const signal = AbortSignal.any([scope.signal, overrun]);
  try {
    const results = await untilAborted(executeTurn(toolUses, { signal, deadlineMs }), signal);
    return pairResults(toolUses, results);
  } catch (err) {
    scope.throwIfAborted();
    const reason = overrun.aborted
      ? `no result within the turn deadline of ${deadlineMs} ms`
      : err instanceof Error
        ? err.message
        : String(err);
    return allFailed(toolUses, reason);
  }
}
