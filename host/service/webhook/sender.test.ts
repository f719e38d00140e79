import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookDelivery } from '../run-record.js';
import { backoffMs, WebhookSender } from './sender.js';
import { verifyWebhook } from './signature.js';

const secret = 'receiver-secret-123';
const retry = { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 40, timeoutMs: 2000 };
const log = pino({ level: 'silent' });

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

describe('WebhookSender', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function receiver(statuses: number[]) {
    const seen: { verified: boolean; deliveryId: string; body: string }[] = [];
    const srv = createServer(async (req, res) => {
      const body = await readBody(req);
      seen.push({
        body,
        deliveryId: String(req.headers['x-delivery-id']),
        verified: verifyWebhook({
          secret,
          rawBody: body,
          signature: req.headers['x-signature'] as string,
          timestamp: req.headers['x-timestamp'] as string,
        }),
      });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
    server = srv;
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`, seen };
  }

  async function send(url: string): Promise<WebhookDelivery[]> {
    const sender = new WebhookSender(retry, log);
    const updates: WebhookDelivery[] = [];
    sender.send({ url, secret }, 'run.finished', { id: 'run_1' }, (d) => updates.push(d));
    await sender.drain(5000);
    return updates;
  }

  it('retries a failing receiver and delivers on the third attempt, signed, same delivery id', async () => {
    const { url, seen } = await receiver([500, 503]);
    const updates = await send(url);
    expect(seen).toHaveLength(3);
    expect(seen.every((s) => s.verified && s.body === '{"id":"run_1"}')).toBe(true);
    expect(new Set(seen.map((s) => s.deliveryId)).size).toBe(1);
    expect(updates.map((u) => u.state)).toEqual(['pending', 'pending', 'delivered']);
    expect(updates.at(-1)).toMatchObject({ attempts: 3, lastStatus: 200 });
  });

  it('gives up after maxAttempts and records the last error', async () => {
    const { url, seen } = await receiver([500, 500, 500, 500]);
    const updates = await send(url);
    expect(seen).toHaveLength(3);
    expect(updates.at(-1)).toMatchObject({
      state: 'failed',
      attempts: 3,
      lastStatus: 500,
      lastError: 'HTTP 500',
    });
  });

  it('records connection errors', async () => {
    const updates = await send('http://127.0.0.1:9/unreachable');
    expect(updates.at(-1)).toMatchObject({ state: 'failed', attempts: 3 });
    expect(updates.at(-1)?.lastError).toBeTruthy();
  });

  it('backs off exponentially with a cap', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => backoffMs(n, retry, mid))).toEqual([10, 20, 40, 40]);
  });
});
