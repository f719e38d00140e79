import type Anthropic from '@anthropic-ai/sdk';
import type { HostEventEmitter } from '../events.js';
import type { CallResult, ToolUse, TurnOptions } from '../executor/types.js';

/** The part of the Host API (docs/architecture.md) the service uses; the real `Host` satisfies it. */
export interface ServiceHost {
  readonly events: HostEventEmitter;
  anthropicTools(): Anthropic.Tool[];
  executeTurn(toolUses: ToolUse[], opts?: TurnOptions): Promise<Anthropic.ToolResultBlockParam[]>;
  callTool(name: string, args: unknown, opts?: { signal?: AbortSignal }): Promise<CallResult>;
  isReady(): boolean;
  close(): Promise<void>;
}
