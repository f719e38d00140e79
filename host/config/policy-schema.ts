import { z } from 'zod';

/**
 * The resilience policy (`resilience.json`): one schema for the file, with every value's default in
 * `policy-defaults.ts`. Call policies resolve as defaults ← server ← tool (see `policy-config.ts`).
 */

const ms = z.number().int().min(0);
const positiveMs = z.number().int().min(1);

export const RetryPolicySchema = z.strictObject({
  /** Total attempts including the first; 1 disables retries. */
  maxAttempts: z.number().int().min(1).max(10),
  /** First backoff delay; doubles per retry. */
  baseDelayMs: ms,
  /** Cap on a single backoff delay. */
  maxDelayMs: ms,
  /** `full`: random in [0, delay); `none`: exact; `decorrelated`: cockatiel's decorrelated jitter. */
  jitter: z.enum(['none', 'full', 'decorrelated']),
  /** Retry budget per server: retries in a sliding window may not exceed max(minRetries, ratio × calls). */
  budget: z.strictObject({
    ratio: z.number().min(0).max(1),
    minRetries: z.number().int().min(0),
    windowMs: positiveMs,
  }),
});

export const BreakerPolicySchema = z.strictObject({
  /** Consecutive failures that open the circuit (used when `failureRatio` is unset). */
  threshold: z.number().int().min(1),
  /** Open when more than this share (0..1, exclusive) of the last `window` calls failed (instead of consecutive failures). */
  failureRatio: z.number().gt(0).lt(1).nullable(),
  /** Sliding window size, in calls, for `failureRatio`. */
  window: z.number().int().min(1),
  /** Cool-down after which one trial call is let through (half-open). */
  halfOpenAfterMs: ms,
});

export const RateLimitSchema = z.strictObject({
  /** Sustained calls per second for one tool. */
  perSecond: z.number().positive(),
  /** Calls allowed at once after an idle period; default = ceil(perSecond). */
  burst: z.number().int().min(1).optional(),
});

/** What governs one call of one tool. */
export const CallPolicySchema = z.strictObject({
  /** Per attempt: the MCP request is cancelled after this long. */
  timeoutMs: positiveMs,
  /** Bound on a call to the tool's backup variant during fallback. */
  backupTimeoutMs: positiveMs,
  retry: RetryPolicySchema,
  breaker: BreakerPolicySchema,
  /** Optional per-tool rate limit; `null` = none. */
  rateLimit: RateLimitSchema.nullable(),
  /** Text longer than this is truncated with a marker. */
  maxResultChars: z.number().int().min(100),
  /** Force idempotency (retries, coalescing, host cache); `null` = annotations, if the server is trusted. */
  idempotent: z.boolean().nullable(),
});

/** What governs one server connection. */
export const ServerPolicySchema = z.strictObject({
  /** Concurrent calls to this server; more wait in a queue. */
  concurrency: z.number().int().min(1),
  /** Calls that may wait for a slot; beyond that they are rejected (and fall back). */
  queue: z.number().int().min(0),
  /** Trust this server's `readOnlyHint` / `idempotentHint` as permission to retry and cache. */
  trustAnnotations: z.boolean(),
  /** Bound on connect + initialize + tools/list. */
  connectTimeoutMs: positiveMs,
  /** Backoff for respawning a dead stdio child / reconnecting a lost HTTP session. */
  restart: z.strictObject({ baseDelayMs: ms, maxDelayMs: ms }),
});

export const HostPolicySchema = z.strictObject({
  /** Default deadline of a whole turn (overridable per `executeTurn`). */
  turnDeadlineMs: positiveMs,
  /** Show backup variants (`X_cached`) to Claude as ordinary tools. */
  exposeBackups: z.boolean(),
  /** The host's own last-good cache of idempotent tools' results. */
  cache: z.strictObject({ ttlMs: positiveMs, max: z.number().int().min(0) }),
});

export type RetryPolicy = z.infer<typeof RetryPolicySchema>;
export type BreakerPolicy = z.infer<typeof BreakerPolicySchema>;
export type RateLimitPolicy = z.infer<typeof RateLimitSchema>;
export type CallPolicy = z.infer<typeof CallPolicySchema>;
export type ServerPolicy = z.infer<typeof ServerPolicySchema>;
export type HostPolicy = z.infer<typeof HostPolicySchema>;
