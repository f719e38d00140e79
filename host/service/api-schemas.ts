import { z } from 'zod';
import { WebhookTargetSchema } from './config.js';

/**
 * `POST /v1/runs`, for a service whose `runs.maxTurns` is `maxTurns`: a request above it is an error
 * that names the limit, not silently capped. Unknown keys are rejected so a typo (`max_turns`) is an
 * error, not silently ignored.
 */
export function createRunBody(maxTurns: number) {
  return z.strictObject({
    prompt: z.string().trim().min(1, 'prompt must not be empty').max(100_000),
    system: z.string().max(100_000).optional(),
    model: z.string().min(1).max(200).optional(),
    maxTurns: z
      .int()
      .min(1)
      .max(maxTurns, `at most ${maxTurns} on this service (runs.maxTurns in its service config)`)
      .optional(),
    deadlineMs: z
      .int()
      .min(1000)
      .max(24 * 3_600_000)
      .optional(),
    /** Where to POST the finished run; `secret` signs it (else the service's `webhooks.secret`). */
    webhook: WebhookTargetSchema.optional(),
  });
}

/** `POST /v1/tools/:name/call`: MCP-style `arguments`. */
export const ToolCallBody = z.strictObject({
  arguments: z.record(z.string(), z.unknown()).default({}),
});

export const RunIdParams = z.object({ id: z.string().regex(/^run_[\w-]+$/, 'not a run id') });
export const NameParams = z.object({ name: z.string().min(1).max(200) });

/** An SSE event id to resume after: `?after=<id>` or the `Last-Event-ID` header. */
const EventId = z
  .string()
  .regex(/^\d+$/, 'must be an event id (a whole number: the `id` of the last event you received)')
  .transform(Number);
/** `GET /v1/runs/:id/events`; other query keys (cache busters) are ignored. */
export const EventsQuery = z.object({ after: EventId.optional() });
export const EventsHeaders = z.object({ 'last-event-id': EventId.optional() });
