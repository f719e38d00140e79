import type { z } from 'zod';
import { describeZodError } from '../config/load-json.js';

/** An error with the HTTP status and stable code the service answers with. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** Validates a request part against its zod schema; a mismatch becomes a 400 that names each field. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, what = 'body'): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new HttpError(400, `invalid_${what}`, `invalid request ${what}: ${describeZodError(parsed.error)}`, {
    issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}
