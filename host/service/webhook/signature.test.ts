import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './signature.js';

const secret = 'a-secret-of-sixteen+';
const body = '{"id":"run_1","status":"succeeded"}';

describe('webhook signature', () => {
  it('is the hex HMAC-SHA256 of "<timestamp>.<raw body>", prefixed sha256=', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signWebhook(secret, 1_700_000_000, body)).toBe(`sha256=${expected}`);
  });

  it('verifies a fresh signature and rejects tampering, wrong secrets and replays', () => {
    const nowSeconds = 1_700_000_000;
    const signature = signWebhook(secret, nowSeconds, body);
    const ok = { secret, rawBody: body, signature, timestamp: String(nowSeconds), nowSeconds };
    expect(verifyWebhook(ok)).toBe(true);
    expect(verifyWebhook({ ...ok, rawBody: `${body} ` })).toBe(false);
    expect(verifyWebhook({ ...ok, secret: `${secret}x` })).toBe(false);
    expect(verifyWebhook({ ...ok, timestamp: String(nowSeconds + 1) })).toBe(false);
    expect(verifyWebhook({ ...ok, nowSeconds: nowSeconds + 301 })).toBe(false);
    expect(verifyWebhook({ ...ok, signature: undefined })).toBe(false);
    expect(verifyWebhook({ ...ok, timestamp: 'soon' })).toBe(false);
  });
});
