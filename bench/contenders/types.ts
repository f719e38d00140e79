/** One tool_use block of a benchmark turn, with the server's bare tool name (contenders map names if needed). */
export interface BenchToolUse {
  id: string;
  name: string;
  input: Record<string, unknown>;
}

/** What a contender delivered for one turn: how many results the model could use. */
export interface TurnOutcome {
  total: number;
  /** Results that carry data (not `is_error`, not missing). */
  usable: number;
  /** Set when the whole turn rejected, as a naive `Promise.all` does on one thrown call. */
  threw?: string;
}

/** A way to run one turn's tool_use blocks (contenders 1–4). */
export interface TurnContender {
  readonly name: string;
  runTurn(toolUses: BenchToolUse[]): Promise<TurnOutcome>;
}

/** A way to make one tool call (raw SDK `callTool` vs our host), for the per-call scenarios. */
export interface CallContender {
  readonly name: string;
  /** Resolves true when the result is usable. */
  call(tool: string, input: Record<string, unknown>): Promise<boolean>;
}

export function tally(total: number, usableFlags: readonly boolean[]): TurnOutcome {
  return { total, usable: usableFlags.filter(Boolean).length };
}
