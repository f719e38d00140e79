import type Anthropic from '@anthropic-ai/sdk';
import type { AgentEvent, AgentOptions, AgentResult, ExecuteTurn } from '../agent/types.js';
import type { RunEvent } from './run-events.js';
import { settleWithin } from './settle-within.js';

export interface AgentRunOptions {
  system?: string;
  model?: string;
  maxTurns: number;
  runDeadlineMs: number;
  signal: AbortSignal;
  /** Told the ids of a turn's tool uses before they run, so host call events can be tied to the run. */
  onToolUses(ids: string[]): void;
  onEvent(event: AgentEvent): void;
}

/**
 * What the run manager needs from the agent: one call per run (the real one binds client and host).
 * `run` settles only once every tool call it started has ended, so each call is on the run's record
 * (and in its event stream) before the run finishes.
 */
export interface AgentPort {
  run(prompt: string, opts: AgentRunOptions): Promise<AgentResult>;
}

export type RunAgent = (prompt: string, opts: AgentOptions) => Promise<AgentResult>;

/**
 * A cancelled or timed-out run returns at once, while its calls end a moment later (the executor has
 * the same signal: they are cancelled, not awaited to completion). This bounds the wait should one not.
 */
const CALLS_END_WITHIN_MS = 5000;

export function createAgentPort(deps: {
  runAgent: RunAgent;
  client: Anthropic;
  tools: () => Anthropic.Tool[];
  executeTurn: ExecuteTurn;
}): AgentPort {
  return {
    run: async (prompt, { onToolUses, ...opts }) => {
      const turns: Promise<unknown>[] = [];
      try {
        return await deps.runAgent(prompt, {
          ...opts,
          client: deps.client,
          tools: deps.tools(),
          executeTurn: (toolUses, turnOpts) => {
            onToolUses(toolUses.map((u) => u.id));
            const turn = deps.executeTurn(toolUses, turnOpts);
            turns.push(turn);
            return turn;
          },
        });
      } finally {
        await settleWithin(turns, CALLS_END_WITHIN_MS);
      }
    },
  };
}

/**
 * The agent events a run's SSE stream carries. Tool calls are reported from the host's own call
 * events (with outcomes), so the agent's `tool-uses`/`tool-results` are not repeated here.
 */
export function toRunEvent(e: AgentEvent): Omit<RunEvent, 'seq'> | undefined {
  switch (e.type) {
    case 'turn-start':
      return { type: 'turn-started', data: { turn: e.turn } };
    case 'text':
      return { type: 'text', data: { turn: e.turn, delta: e.delta } };
    case 'reprompt':
      return { type: 'reprompt', data: { turn: e.turn, failed: e.failed } };
    case 'turn-end':
      return { type: 'turn-finished', data: { turn: e.turn, stopReason: e.stopReason, usage: e.usage } };
    default:
      return undefined;
  }
}
