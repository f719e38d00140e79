import type { z } from 'zod';
import { type ApiError, invalidRequest } from './api-error.js';
import { schemaErrorMessage } from './request-schema.js';
import { toolPairingError } from './tool-pairing.js';

export type Validated<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Schema check (required fields, types), then the tool_use/tool_result pairing rules. */
export function validateRequest<S extends z.ZodType<{ messages: Parameters<typeof toolPairingError>[0] }>>(
  schema: S,
  body: unknown,
): Validated<z.infer<S>> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, error: invalidRequest('Request body must be a JSON object') };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, error: invalidRequest(schemaErrorMessage(parsed.error)) };
  const pairing = toolPairingError(parsed.data.messages);
  if (pairing) return { ok: false, error: invalidRequest(pairing) };
  return { ok: true, value: parsed.data };
}
