import type { CallPolicy, HostPolicy, ServerPolicy } from './policy-schema.js';

/** Every default of `resilience.json`, in one place (documented in docs/host.md). */

export const DEFAULT_HOST_POLICY: HostPolicy = {
  turnDeadlineMs: 30_000,
  exposeBackups: false,
  cache: { ttlMs: 30 * 60_000, max: 500 },
};

export const DEFAULT_CALL_POLICY: CallPolicy = {
  timeoutMs: 10_000,
  backupTimeoutMs: 1_500,
  retry: {
    maxAttempts: 3,
    baseDelayMs: 200,
    maxDelayMs: 2_000,
    jitter: 'full',
    budget: { ratio: 0.2, minRetries: 10, windowMs: 10_000 },
  },
  breaker: { threshold: 5, failureRatio: null, window: 20, halfOpenAfterMs: 30_000 },
  rateLimit: null,
  maxResultChars: 25_000,
  idempotent: null,
};

export const DEFAULT_SERVER_POLICY: ServerPolicy = {
  concurrency: 5,
  queue: 100,
  trustAnnotations: false,
  connectTimeoutMs: 10_000,
  restart: { baseDelayMs: 250, maxDelayMs: 10_000 },
};
