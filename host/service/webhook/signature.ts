import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Outbound webhook signature: `X-Signature: sha256=<hex HMAC-SHA256(secret, "<X-Timestamp>.<raw body>")>`.
 * Signing the timestamp with the body lets a receiver reject replays: check the signature, then that
 * `X-Timestamp` (unix seconds) is within a few minutes of now.
 */
export function signWebhook(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

export interface VerifyWebhookInput {
  secret: string;
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
  /** Largest accepted distance between `X-Timestamp` and now. */
  toleranceSeconds?: number;
  nowSeconds?: number;
}

/** The receiver's side (documented for users; used by our tests). Constant-time comparison. */
export function verifyWebhook(input: VerifyWebhookInput): boolean {
  const { secret, rawBody, signature, timestamp, toleranceSeconds = 300 } = input;
  const nowSeconds = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), rawBody));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
