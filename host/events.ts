import { EventEmitter } from 'node:events';
import type { CallRecord } from './executor/types.js';

export type BreakerState = 'open' | 'half-open' | 'closed';
export type ServerState = 'connecting' | 'connected' | 'restarting' | 'failed' | 'closed';

/** Every event the host emits, by name (for logs, metrics, the CLI and the service). */
export interface HostEvents {
  'call-start': [{ toolUseId: string; tool: string; server: string }];
  'call-end': [CallRecord];
  // `tool` is the catalog name (what Claude calls), `mcpTool` the tool's name on its server.
  retry: [{ tool: string; mcpTool: string; server: string; attempt: number; delayMs: number; error: string }];
  breaker: [{ tool: string; mcpTool: string; server: string; state: BreakerState }];
  'server-state': [{ server: string; state: ServerState; error?: string }];
}

/** A node EventEmitter typed with `HostEvents`. Listener errors are the listener's problem, not a call's. */
export class HostEventEmitter extends EventEmitter<HostEvents> {}
