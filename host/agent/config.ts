import { z } from 'zod';

/** Agent settings. Every key has a default; see docs/agent.md. */
export const AgentConfig = z.object({
  model: z.string().min(1).default('claude-sonnet-5-5'),
  maxTokens: z.number().int().positive().default(4096),
  maxTurns: z.number().int().positive().default(8),
  runDeadlineMs: z.number().int().positive().default(120_000),
  turnDeadlineMs: z.number().int().positive().default(30_000),
  failureRatio: z.number().min(0).max(1).default(0.5),
  maxTokensContinuations: z.number().int().min(0).default(1),
});
export type AgentConfig = z.infer<typeof AgentConfig>;
export type AgentConfigInput = z.input<typeof AgentConfig>;
type Key = keyof AgentConfig;

/** Environment variables that override the config file (flags override them in turn). */
export const AGENT_ENV: Record<Key, string> = {
  model: 'RESILIENT_MCP_MODEL',
  maxTokens: 'RESILIENT_MCP_MAX_TOKENS',
  maxTurns: 'RESILIENT_MCP_MAX_TURNS',
  runDeadlineMs: 'RESILIENT_MCP_RUN_DEADLINE_MS',
  turnDeadlineMs: 'RESILIENT_MCP_TURN_DEADLINE_MS',
  failureRatio: 'RESILIENT_MCP_FAILURE_RATIO',
  maxTokensContinuations: 'RESILIENT_MCP_MAX_TOKENS_CONTINUATIONS',
};

export interface AgentConfigSources {
  /** From a config file; `fileName` names it in errors. */
  file?: AgentConfigInput;
  fileName?: string;
  env?: NodeJS.ProcessEnv;
  /** From command-line flags or code; wins over everything. */
  flags?: AgentConfigInput;
}

export class AgentConfigError extends Error {
  override name = 'AgentConfigError';
}

/**
 * Merges defaults < file < env < flags and validates once, so an error can say where the bad value
 * came from ("RESILIENT_MCP_MAX_TURNS: …", "agent.json field maxTurns: …").
 */
export function resolveAgentConfig(sources: AgentConfigSources = {}): AgentConfig {
  const merged: Record<string, unknown> = {};
  const origin = new Map<string, string>();
  const layer = (values: Record<string, unknown> | undefined, from: (key: string) => string) => {
    for (const [key, value] of Object.entries(values ?? {})) {
      if (value === undefined) continue;
      merged[key] = value;
      origin.set(key, from(key));
    }
  };
  layer(sources.file, (key) => `${sources.fileName ?? 'config file'} field ${key}`);
  layer(envValues(sources.env ?? process.env), (key) => AGENT_ENV[key as Key] ?? key);
  layer(sources.flags, (key) => `option ${key}`);

  const parsed = AgentConfig.strict().safeParse(merged);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? (issue && 'keys' in issue ? issue.keys[0] : ''));
  throw new AgentConfigError(`${origin.get(key) ?? key}: ${issue?.message ?? 'invalid'}`);
}

function envValues(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(AGENT_ENV)) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    // Numbers arrive as strings; a non-number stays a string so validation names the variable.
    out[key] = key === 'model' || Number.isNaN(Number(raw)) ? raw : Number(raw);
  }
  return out;
}
