export { type AnthropicClientOptions, createAnthropicClient } from './client.js';
export {
  AGENT_ENV,
  AgentConfig,
  AgentConfigError,
  type AgentConfigInput,
  type AgentConfigSources,
  resolveAgentConfig,
} from './config.js';
export { AgentError, type AgentErrorCode } from './errors.js';
export { CONTINUE_PROMPT, runAgent } from './run-agent.js';
export { RESILIENCE_SYSTEM_PROMPT } from './system-prompt.js';
export type {
  AgentEvent,
  AgentOptions,
  AgentResult,
  AgentStopReason,
  AgentUsage,
  ExecuteTurn,
  FailedTool,
  ToolUse,
  TurnOptions,
} from './types.js';
