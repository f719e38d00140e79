/** Exit codes of `ask` and `call` (documented in README.md). */
export const EXIT = {
  /** The run ended with an answer (`ask`), or the tool returned a usable result (`call`). */
  ok: 0,
  /** The run failed: API error, bad key, deadline, cancelled; or `call` ended in an is_error result. */
  failed: 1,
  /** Bad usage or configuration (invalid flag, unreadable or invalid mcp.json / resilience.json). */
  usage: 2,
  /** The run stopped without a final answer (max turns, max tokens, refusal). */
  incomplete: 3,
} as const;
