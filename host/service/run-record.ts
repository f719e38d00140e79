import { z } from 'zod';
import { CALL_OUTCOMES } from '../executor/types.js';

export const RunStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatus>;

export const FINISHED: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled']);

/** Allowed moves of the run state machine; anything else is a bug, not a user error. */
const TRANSITIONS: Record<RunStatus, readonly RunStatus[]> = {
  queued: ['running', 'cancelled', 'failed'],
  running: ['succeeded', 'failed', 'cancelled'],
  succeeded: [],
  failed: [],
  cancelled: [],
};

export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The request as kept on the record (the webhook secret is never stored). */
export const RunRequest = z.object({
  prompt: z.string(),
  system: z.string().optional(),
  model: z.string().optional(),
  maxTurns: z.number().optional(),
  deadlineMs: z.number().optional(),
});
export type RunRequest = z.infer<typeof RunRequest>;

/** One tool call as the host's executor reported it (`CallRecord` in host/executor/types.ts). */
export const ToolCallRecord = z.object({
  toolUseId: z.string(),
  tool: z.string(),
  server: z.string(),
  mcpTool: z.string(),
  attempts: z.number(),
  latencyMs: z.number(),
  outcome: z.enum(CALL_OUTCOMES),
  ok: z.boolean(),
  error: z.string().optional(),
  fallbackAgeSeconds: z.number().optional(),
});

export const WebhookDelivery = z.object({
  url: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  lastStatus: z.number().optional(),
  lastError: z.string().optional(),
  deliveredAt: z.string().optional(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const RunRecord = z.object({
  id: z.string(),
  status: RunStatus,
  source: z.object({ kind: z.enum(['api', 'hook']), hook: z.string().optional() }),
  request: RunRequest,
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  durationMs: z.number().optional(),
  answer: z.string().optional(),
  error: z.string().optional(),
  stopReason: z.string().optional(),
  turns: z.number().optional(),
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }).optional(),
  toolCalls: z.array(ToolCallRecord),
  webhook: WebhookDelivery.optional(),
});
export type RunRecord = z.infer<typeof RunRecord>;
