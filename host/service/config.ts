import { z } from 'zod';
import { readJsonFile, validateConfig } from '../config/load-json.js';

/** `{{ body.text }}`-style placeholders; the path is a dotted lookup into `{ body, query }`. */
export const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$]*(?:\.[\w$-]+)*)\s*\}\}/g;

const WebhookTarget = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  /** HMAC key for `X-Signature`; falls back to the service-wide `webhooks.secret`. */
  secret: z.string().min(16).optional(),
});

const Hook = z.strictObject({
  /** Prompt template, e.g. `"Summarise: {{body.text}}"`. Placeholders read `body.*` and `query.*`. */
  prompt: z
    .string()
    .min(1)
    .refine((t) => [...t.matchAll(PLACEHOLDER)].every((m) => /^(body|query)(\.|$)/.test(m[1] ?? '')), {
      message: 'placeholders must start with body. or query., e.g. {{body.text}}',
    }),
  system: z.string().optional(),
  model: z.string().optional(),
  maxTurns: z.int().min(1).max(50).optional(),
  deadlineMs: z.int().min(1000).optional(),
  /** Where to POST the result when a run started by this hook finishes. */
  webhook: WebhookTarget.optional(),
});

/** `service.json`: everything about `serve` that is not the MCP servers or the resilience policy. */
export const ServiceConfig = z
  .strictObject({
    runs: z
      .strictObject({
        /** Runs executing at once. */
        maxConcurrent: z.int().min(1).default(4),
        /** Runs waiting for a slot; beyond this, `POST /v1/runs` answers 429. */
        maxQueued: z.int().min(0).default(32),
        /** Default whole-run deadline when a request gives none. */
        defaultDeadlineMs: z.int().min(1000).default(300_000),
        /** Default and upper bound of a request's `maxTurns`: above it, `POST /v1/runs` answers 400. */
        maxTurns: z.int().min(1).max(50).default(10),
      })
      .prefault({}),
    rateLimit: z
      .strictObject({
        /** Requests a token may make in a burst. */
        burst: z.int().min(1).default(30),
        /** Sustained requests per second per token (the bucket's refill rate). */
        perSecond: z.number().positive().default(5),
      })
      .prefault({}),
    http: z
      .strictObject({
        /** Largest accepted request body. */
        bodyLimitBytes: z
          .int()
          .min(1024)
          .default(256 * 1024),
      })
      .prefault({}),
    webhooks: z
      .strictObject({
        /** Default HMAC key when a run's webhook has none. */
        secret: z.string().min(16).optional(),
        /** Delivery attempts in total (first try included). */
        maxAttempts: z.int().min(1).max(20).default(6),
        /** Backoff before retry n is `initialDelayMs * 2^(n-1)`, capped at `maxDelayMs`, with ±20% jitter. */
        initialDelayMs: z.int().min(0).default(1000),
        maxDelayMs: z.int().min(0).default(60_000),
        /** Per-attempt timeout. */
        timeoutMs: z.int().min(100).default(10_000),
      })
      .prefault({}),
    /** SIGTERM: how long running runs may take to finish before they are cancelled. */
    shutdownGraceMs: z.int().min(0).default(10_000),
    /** Inbound triggers: `POST /v1/hooks/:name`. */
    hooks: z
      .record(z.string().regex(/^[\w-]+$/, 'hook names use letters, digits, _ and -'), Hook)
      .default({}),
  })
  .superRefine((config, ctx) => {
    // A hook's webhook must be signable; say so at startup, not on the first trigger.
    for (const [name, hook] of Object.entries(config.hooks)) {
      if (hook.maxTurns !== undefined && hook.maxTurns > config.runs.maxTurns) {
        ctx.addIssue({
          code: 'custom',
          path: ['hooks', name, 'maxTurns'],
          message: `at most runs.maxTurns (${config.runs.maxTurns})`,
        });
      }
      if (hook.webhook && !hook.webhook.secret && !config.webhooks.secret) {
        ctx.addIssue({
          code: 'custom',
          path: ['hooks', name, 'webhook', 'secret'],
          message: 'required (at least 16 characters) unless webhooks.secret is set',
        });
      }
    }
  });
export type ServiceConfig = z.infer<typeof ServiceConfig>;
export type ServiceConfigInput = z.input<typeof ServiceConfig>;
export type HookConfig = z.infer<typeof Hook>;
export type WebhookTarget = z.infer<typeof WebhookTarget>;
export { WebhookTarget as WebhookTargetSchema };

/**
 * Reads and validates `service.json`. Every problem is a `ConfigError` whose one-line message names the
 * file and the field: `service.json: cannot read: ENOENT: …`, `service.json: runs: Unrecognized key: …`.
 */
export async function loadServiceConfig(path: string | undefined): Promise<ServiceConfig> {
  if (!path) return ServiceConfig.parse({});
  return validateConfig(path, ServiceConfig, await readJsonFile(path));
}
