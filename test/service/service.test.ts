import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../host/service/webhook/signature.js';
import { type FakeClaude, startFakeClaude } from '../../sim/fake-claude/index.js';
import { startUpstreamSim, type UpstreamSim } from '../../sim/upstream/index.js';
import { call, readSse, waitFor, waitForRun } from './http-client.js';
import { parsePrometheusText, sumOf } from './prometheus-text.js';
import { REPO, type ServeProcess, startServe, writeFixture } from './serve-process.js';

const TOKEN = 'test-token-0123456789';
const SECRET = 'webhook-secret-0123456789';
const BODY_LIMIT = 4096;

interface Delivery {
  path: string;
  status: number;
  body: string;
  headers: IncomingMessage['headers'];
}

/** A webhook receiver: `/ok` always 200; `/flaky` answers 500 twice, then 200. */
async function startReceiver() {
  const deliveries: Delivery[] = [];
  let flaky = 0;
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const status = req.url === '/flaky' && flaky++ < 2 ? 500 : 200;
    deliveries.push({ path: req.url ?? '', status, body, headers: req.headers });
    res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, deliveries, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const signedBy = (d: Delivery, secret: string) =>
  verifyWebhook({
    secret,
    rawBody: d.body,
    signature: d.headers['x-signature'] as string,
    timestamp: d.headers['x-timestamp'] as string,
  });

describe('resilient-mcp serve', () => {
  let dir: string;
  let fake: FakeClaude;
  let sim: UpstreamSim;
  let serve: ServeProcess;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let base: string;
  const api = (method: string, path: string, opts: Parameters<typeof call>[3] = {}) =>
    call(base, method, path, { token: TOKEN, ...opts });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'serve-'));
    [fake, sim, receiver] = await Promise.all([startFakeClaude(), startUpstreamSim(), startReceiver()]);
    const args = await writeFixture({
      dir,
      upstreamUrl: sim.url,
      policy: {
        defaults: {
          timeoutMs: 2000,
          trustAnnotations: true, // our server's readOnly/idempotent hints allow retries
          retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
          breaker: { threshold: 3, halfOpenAfterMs: 60_000 },
        },
      },
      service: {
        http: { bodyLimitBytes: BODY_LIMIT },
        rateLimit: { burst: 10_000, perSecond: 1000 }, // polling must never hit it here (lifecycle tests it)
        webhooks: { initialDelayMs: 50, maxDelayMs: 200, maxAttempts: 4 },
        hooks: { summarise: { prompt: 'Summarise: {{body.text}}' } },
      },
    });
    serve = await startServe([...args, '--token', TOKEN], {
      ANTHROPIC_BASE_URL: fake.url,
      ANTHROPIC_API_KEY: 'test',
    });
    base = serve.url;
  });

  afterAll(async () => {
    await serve?.kill();
    await Promise.all([fake?.close(), sim?.close(), receiver?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a prompt: SSE events to completion, the result, and one signed webhook delivery', async () => {
    const created = await api('POST', '/v1/runs', {
      body: {
        prompt: 'What is the weather in Paris?',
        webhook: { url: `${receiver.url}/ok`, secret: SECRET },
      },
    });
    expect(created.status).toBe(202);
    const { id } = created.body;
    expect(created.headers.get('location')).toBe(`/v1/runs/${id}`);

    const events = await readSse(`${base}${created.body.links.events}`, TOKEN);
    const types = events.map((e) => e.event);
    expect(types).toEqual(
      expect.arrayContaining([
        'run-started',
        'turn-started',
        'tool-call-started',
        'tool-call-finished',
        'text',
      ]),
    );
    expect(types.at(-1)).toBe('run-finished');
    expect(events.at(-1)?.data).toMatchObject({ id, status: 'succeeded' });
    const finishedCall = events.find((e) => e.event === 'tool-call-finished');
    expect(finishedCall?.data).toMatchObject({ tool: 'get_weather', outcome: 'ok', ok: true });

    const run = (await api('GET', `/v1/runs/${id}`)).body;
    expect(run).toMatchObject({ id, status: 'succeeded', source: { kind: 'api' } });
    expect(run.answer).toMatch(/Paris/);
    expect(run.toolCalls).toEqual([expect.objectContaining({ tool: 'get_weather', outcome: 'ok' })]);
    expect(run.usage.inputTokens).toBeGreaterThan(0);
    expect(run.durationMs).toBeGreaterThanOrEqual(0);

    // A late subscriber gets the whole story again; Last-Event-ID resumes after a given event.
    expect((await readSse(`${base}/v1/runs/${id}/events`, TOKEN)).map((e) => e.event)).toEqual(types);
    const resumed = await readSse(`${base}/v1/runs/${id}/events`, TOKEN, Number(events.at(-2)?.id));
    expect(resumed.map((e) => e.event)).toEqual(['run-finished']);
    const byQuery = await readSse(`${base}/v1/runs/${id}/events?after=${events.at(-2)?.id}`, TOKEN);
    expect(byQuery.map((e) => e.event)).toEqual(['run-finished']);
    // A resume point that is not an event id is a 400, not a silent replay from the start.
    const badAfter = await api('GET', `/v1/runs/${id}/events?after=abc`);
    expect(badAfter.status).toBe(400);
    expect(badAfter.body.error).toMatchObject({
      code: 'invalid_query',
      message: expect.stringMatching(/^invalid request query: after: must be an event id/),
    });
    const badHeader = await fetch(`${base}/v1/runs/${id}/events`, {
      headers: { authorization: `Bearer ${TOKEN}`, 'last-event-id': 'x' },
    });
    expect(badHeader.status).toBe(400);
    expect(await badHeader.json()).toMatchObject({
      error: { message: expect.stringMatching(/last-event-id/) },
    });

    const delivered = await waitFor('webhook delivery', async () =>
      receiver.deliveries.find((d) => JSON.parse(d.body).run?.id === id),
    );
    expect(signedBy(delivered, SECRET)).toBe(true);
    expect(JSON.parse(delivered.body)).toMatchObject({
      event: 'run.finished',
      run: { id, status: 'succeeded' },
    });
    const withDelivery = await waitFor('delivery state on the run', async () => {
      const { body } = await api('GET', `/v1/runs/${id}`);
      return body.webhook?.state === 'delivered' ? body : undefined;
    });
    expect(withDelivery.webhook).toMatchObject({ attempts: 1, lastStatus: 200 });
    expect(receiver.deliveries.filter((d) => JSON.parse(d.body).run?.id === id)).toHaveLength(1);

    // Logs are JSON with the run id, and the tool call id on tool call lines.
    const logs = serve.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    const toolLine = logs.find((l) => l.runId === id && l.msg === 'tool call finished');
    expect(toolLine).toMatchObject({ runId: id, toolUseId: expect.stringMatching(/\S/) });
    expect(logs.find((l) => l.msg === 'webhook delivered')).toMatchObject({ runId: id, attempt: 1 });
  });

  it('retries a failing webhook receiver and delivers on the third try', async () => {
    const created = await api('POST', '/v1/runs', {
      body: { prompt: 'Convert 100 EUR to USD', webhook: { url: `${receiver.url}/flaky`, secret: SECRET } },
    });
    const id = created.body.id;
    const run = await waitFor('three attempts', async () => {
      const { body } = await api('GET', `/v1/runs/${id}`);
      return body.webhook?.state === 'delivered' ? body : undefined;
    });
    expect(run.status).toBe('succeeded');
    expect(run.webhook).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 200 });
    const attempts = receiver.deliveries.filter((d) => d.path === '/flaky');
    expect(attempts.map((d) => d.status)).toEqual([500, 500, 200]);
    expect(attempts.every((d) => signedBy(d, SECRET))).toBe(true);
    expect(new Set(attempts.map((d) => d.headers['x-delivery-id'])).size).toBe(1);
  });

  it('rejects unauthorized requests but leaves health, readiness and metrics open', async () => {
    const none = await call(base, 'GET', '/v1/runs/run_x');
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ code: 'unauthorized' });
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await call(base, 'POST', '/v1/runs', { token: 'wrong-token-0123456789', body: {} })).status).toBe(
      401,
    );
    expect((await call(base, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await call(base, 'GET', '/readyz')).body).toEqual({ ready: true });
    const metrics = await call(base, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    // Connected before the metrics subscribed, and still reported as such.
    expect(
      sumOf(parsePrometheusText(metrics.body).samples, 'resilient_mcp_mcp_server_connected', {
        server: 'tools',
      }),
    ).toBe(1);
  });

  it('answers bad bodies with a 4xx and a message that says what is wrong', async () => {
    const badJson = await api('POST', '/v1/runs', { rawBody: '{"prompt": ' });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('invalid_json');

    const missing = await api('POST', '/v1/runs', { body: { system: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/prompt/);

    // Above the service's cap (runs.maxTurns, default 10) is refused, not silently lowered.
    const tooMany = await api('POST', '/v1/runs', { body: { prompt: 'hi', maxTurns: 50 } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toBe(
      'invalid request body: maxTurns: at most 10 on this service (runs.maxTurns in its service config)',
    );

    const typo = await api('POST', '/v1/runs', { body: { prompt: 'hi', max_turns: 3 } });
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toMatch(/max_turns/);

    const badWebhook = await api('POST', '/v1/runs', { body: { prompt: 'hi', webhook: { url: 'ftp://x' } } });
    expect(badWebhook.status).toBe(400);
    expect(badWebhook.body.error.message).toMatch(/webhook\.url/);

    const noSecret = await api('POST', '/v1/runs', {
      body: { prompt: 'hi', webhook: { url: receiver.url } },
    });
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.error.message).toMatch(/webhook\.secret/);

    const huge = await api('POST', '/v1/runs', { body: { prompt: 'x'.repeat(BODY_LIMIT * 2) } });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatchObject({
      code: 'body_too_large',
      message: expect.stringContaining('4096'),
    });

    // JSON only, on every body route: anything else is a 415 that says so (not a 400 or a 422).
    for (const [path, contentType] of [
      ['/v1/runs', 'application/xml'],
      ['/v1/runs', 'text/plain'],
      ['/v1/hooks/summarise', 'text/plain; charset=utf-8'],
      ['/v1/tools/get_weather/call', 'application/x-www-form-urlencoded'],
    ] as const) {
      const res = await api('POST', path, { rawBody: 'text=hello', contentType });
      expect(res.status, `${path} ${contentType}`).toBe(415);
      expect(res.body.error).toEqual({
        code: 'unsupported_media_type',
        message: `content-type ${contentType} is not supported: send JSON with content-type: application/json`,
      });
    }
    const suffixed = JSON.stringify({ arguments: { amount: 1, from: 'EUR', to: 'USD' } });
    const vendorJson = await api('POST', '/v1/tools/convert_currency/call', {
      rawBody: suffixed,
      contentType: 'application/vnd.api+json',
    });
    expect(vendorJson.status).toBe(200);

    expect((await api('GET', '/v1/runs/run_nope')).status).toBe(404);
    const noTool = await api('POST', '/v1/tools/nope/call', { body: {} });
    expect(noTool.status).toBe(404);
    expect(noTool.body.error.message).toMatch(/get_weather/);
    const badArgs = await api('POST', '/v1/tools/get_weather/call', { body: { arguments: 'Paris' } });
    expect(badArgs.status).toBe(400);
    expect(badArgs.body.error.message).toMatch(/^invalid request body: arguments: /);
    expect((await api('GET', '/v1/runs/..%2Fetc')).body.error.code).toBe('invalid_params');
  });

  it('starts runs from an inbound hook through its prompt template', async () => {
    const created = await api('POST', '/v1/hooks/summarise', { body: { text: 'the weather in Paris' } });
    expect(created.status).toBe(202);
    const run = await waitForRun(base, created.body.id, TOKEN);
    expect(run).toMatchObject({
      status: 'succeeded',
      source: { kind: 'hook', hook: 'summarise' },
      request: { prompt: 'Summarise: the weather in Paris' },
    });

    const missing = await api('POST', '/v1/hooks/summarise', { body: { title: 'x' } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toMatch(/body\.text/);
    expect((await api('POST', '/v1/hooks/nope', { body: {} })).status).toBe(404);
  });

  it('cancels a running run', async () => {
    fake.setFaults({ streamDelayMs: 300 });
    try {
      const { body } = await api('POST', '/v1/runs', { body: { prompt: 'What is the weather in Rome?' } });
      await waitFor('run to start', async () => {
        const run = (await api('GET', `/v1/runs/${body.id}`)).body;
        return run.status === 'running' ? run : undefined;
      });
      const cancel = await api('POST', `/v1/runs/${body.id}/cancel`);
      expect(cancel.status).toBe(202);
      const run = await waitForRun(base, body.id, TOKEN);
      expect(run).toMatchObject({ status: 'cancelled', error: 'cancelled by request' });
      const again = await api('POST', `/v1/runs/${body.id}/cancel`);
      expect(again.status).toBe(409);
    } finally {
      fake.setFaults({});
    }
  });

  it('ends a cancelled run after its cancelled tool call, with the call counted and recorded', async () => {
    sim.setFault('geocoding', { latencyMs: 10_000 });
    try {
      const { body } = await api('POST', '/v1/runs', { body: { prompt: 'What is the weather in Oslo?' } });
      let cancel: Promise<unknown> | undefined;
      const events = await readSse(`${base}/v1/runs/${body.id}/events`, TOKEN, undefined, (e) => {
        if (e.event === 'tool-call-started') cancel ??= api('POST', `/v1/runs/${body.id}/cancel`);
      });
      expect(await cancel).toMatchObject({ status: 202 });
      const calls = events.filter((e) => e.event === 'tool-call-finished');
      expect(calls).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ tool: 'get_weather' }) }),
      ]);
      expect(events.at(-1)).toMatchObject({
        event: 'run-finished',
        data: { status: 'cancelled', toolCalls: 1 },
      });
      const run = (await api('GET', `/v1/runs/${body.id}`)).body;
      expect(run.toolCalls).toEqual([calls[0]?.data]);
    } finally {
      sim.clearFaults();
    }
  });

  it('exports Prometheus metrics that move with calls, fallbacks and an open breaker', async () => {
    const scrape = async () => {
      const res = await call(base, 'GET', '/metrics');
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return parsePrometheusText(res.body as string);
    };
    const tool = { tool: 'convert_currency' };
    const convert = () =>
      api('POST', '/v1/tools/convert_currency/call', {
        body: { arguments: { amount: 5, from: 'EUR', to: 'GBP' } },
      });

    const before = await scrape();
    const ok = await convert();
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ isError: false, record: { outcome: 'ok', tool: 'convert_currency' } });
    const afterOk = await scrape();
    const calls = (s: typeof before, outcome: string) =>
      sumOf(s.samples, 'resilient_mcp_tool_calls_total', { ...tool, outcome });
    expect(calls(afterOk, 'ok') - calls(before, 'ok')).toBe(1);
    expect(
      sumOf(afterOk.samples, 'resilient_mcp_tool_call_duration_seconds_count', { ...tool, outcome: 'ok' }),
    ).toBeGreaterThan(0);

    sim.setFault('currency', { status: 500 });
    try {
      const degraded = await convert();
      expect(degraded.body.record.outcome).toMatch(/^fallback-/);
      const afterFallback = await scrape();
      expect(sumOf(afterFallback.samples, 'resilient_mcp_tool_fallbacks_total', tool)).toBeGreaterThan(
        sumOf(afterOk.samples, 'resilient_mcp_tool_fallbacks_total', tool),
      );
      expect(sumOf(afterFallback.samples, 'resilient_mcp_tool_retries_total', tool)).toBeGreaterThan(0);

      const breaker = await waitFor('breaker to open', async () => {
        await convert();
        const s = await scrape();
        return sumOf(s.samples, 'resilient_mcp_circuit_breaker_state', tool) === 2 ? s : undefined;
      });
      expect(
        calls(breaker, 'circuit-open') + sumOf(breaker.samples, 'resilient_mcp_tool_fallbacks_total', tool),
      ).toBeGreaterThan(0);
      // Earlier tests ran agents: run, Anthropic latency and token metrics have moved too.
      expect(sumOf(breaker.samples, 'resilient_mcp_runs_total', { status: 'succeeded' })).toBeGreaterThan(0);
      expect(
        sumOf(breaker.samples, 'resilient_mcp_anthropic_request_duration_seconds_count'),
      ).toBeGreaterThan(0);
      expect(
        sumOf(breaker.samples, 'resilient_mcp_anthropic_tokens_total', { type: 'output' }),
      ).toBeGreaterThan(0);

      // Every metric the shipped alert rules use exists.
      const alerts = await readFile(join(REPO, 'deploy/prometheus/alerts.yml'), 'utf8');
      const used = new Set(alerts.match(/resilient_mcp_[a-z_]+/g));
      expect(used.size).toBeGreaterThanOrEqual(2);
      for (const name of used) expect(breaker.types.has(name), name).toBe(true);
    } finally {
      sim.clearFaults();
    }
  });
});
