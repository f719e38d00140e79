import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeClaude, startFakeClaude } from '../../sim/fake-claude/index.js';
import { startUpstreamSim, type UpstreamSim } from '../../sim/upstream/index.js';
import { call, readSse } from './http-client.js';
import { isAlive, type ServeProcess, startServe, writeFixture } from './serve-process.js';

const TOKEN_A = 'token-a-0123456789abcdef';
const TOKEN_B = 'token-b-0123456789abcdef';
const SLOW_PROMPT = 'What is the weather in Oslo?';

/** Limits, shutdown and restarts: one service process after another on the same state dir. */
describe('resilient-mcp serve: limits, SIGTERM and restarts', () => {
  let dir: string;
  let fake: FakeClaude;
  let sim: UpstreamSim;
  let args: string[];
  let env: NodeJS.ProcessEnv;
  const started: ServeProcess[] = [];
  const start = async (extra: string[]) => {
    const serve = await startServe([...args, ...extra], env);
    started.push(serve);
    return serve;
  };
  const ids: { quick?: string; slow?: string } = {};
  let slowCalls = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'serve-life-'));
    [fake, sim] = await Promise.all([startFakeClaude(), startUpstreamSim()]);
    args = await writeFixture({
      dir,
      upstreamUrl: sim.url,
      policy: { defaults: { timeoutMs: 20_000, retry: { maxAttempts: 1 } } },
      service: {
        runs: { maxConcurrent: 1, maxQueued: 0 },
        rateLimit: { burst: 10, perSecond: 0.5 },
        shutdownGraceMs: 300,
      },
    });
    env = { ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_API_KEY: 'test', RESILIENT_MCP_SERVICE_TOKENS: TOKEN_B };
  });

  afterAll(async () => {
    for (const serve of started) await serve.kill();
    await Promise.all([fake?.close(), sim?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('caps concurrent runs and rate-limits each token with a clear 429; SIGTERM cancels the run and exits 0', async () => {
    const serve = await start(['--token', TOKEN_A]);
    const a = (method: string, path: string, body?: unknown) =>
      call(serve.url, method, path, { token: TOKEN_A, body });

    const quick = await a('POST', '/v1/runs', { prompt: 'Convert 10 EUR to USD' });
    ids.quick = quick.body.id;
    expect((await readSse(`${serve.url}/v1/runs/${ids.quick}/events`, TOKEN_A)).at(-1)?.data.status).toBe(
      'succeeded',
    );

    // The slow run holds the only slot: its upstream answers after 10 s.
    sim.setFault('geocoding', { latencyMs: 10_000 });
    const slow = await a('POST', '/v1/runs', { prompt: SLOW_PROMPT });
    expect(slow.status).toBe(202);
    ids.slow = slow.body.id;
    const full = await a('POST', '/v1/runs', { prompt: SLOW_PROMPT });
    expect(full.status).toBe(429);
    expect(full.body.error).toMatchObject({ code: 'run_queue_full', maxConcurrent: 1, maxQueued: 0 });
    expect(full.body.error.message).toMatch(/too many runs/);

    // Token B (from RESILIENT_MCP_SERVICE_TOKENS) exhausts its own bucket; token A is unaffected.
    const burst = await Promise.all(
      Array.from({ length: 12 }, () => call(serve.url, 'GET', `/v1/runs/${ids.quick}`, { token: TOKEN_B })),
    );
    const limited = burst.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(2);
    expect(limited[0]?.body.error.code).toBe('rate_limited');
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await a('GET', `/v1/runs/${ids.quick}`)).status).toBe(200);

    // SIGTERM mid-run: the SSE follower sees the run end, the process exits 0, no MCP server is left.
    const events = readSse(`${serve.url}/v1/runs/${ids.slow}/events`, TOKEN_A);
    await new Promise((r) => setTimeout(r, 200)); // let the tool call reach the slow upstream
    const children = serve.descendants();
    expect(children.length).toBeGreaterThan(0);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    const stream = await events;
    const last = stream.at(-1);
    expect(last?.event).toBe('run-finished');
    expect(['cancelled', 'succeeded']).toContain(last?.data.status);
    // The cut call ended before the run did: it is in the stream, and counted.
    slowCalls = stream.filter((e) => e.event === 'tool-call-finished').length;
    expect(slowCalls).toBeGreaterThan(0);
    expect(last?.data.toolCalls).toBe(slowCalls);
    expect(children.filter(isAlive)).toEqual([]);
    sim.clearFaults();
  });

  it('keeps runs across a restart, and marks a run interrupted by a crash as failed', async () => {
    // Restart without auth (allowed on loopback): the runs of the first process are all readable.
    const second = await start(['--no-auth']);
    const quick = await call(second.url, 'GET', `/v1/runs/${ids.quick}`);
    expect(quick.body).toMatchObject({ status: 'succeeded', answer: expect.stringMatching(/\S/) });
    const slow = await call(second.url, 'GET', `/v1/runs/${ids.slow}`);
    expect(['cancelled', 'succeeded']).toContain(slow.body.status);
    expect(slow.body.toolCalls).toHaveLength(slowCalls);
    const replay = await readSse(`${second.url}/v1/runs/${ids.quick}/events`);
    expect(replay.map((e) => e.event)).toEqual(['run-finished']);

    // A crash (SIGKILL) mid-run: the next start marks that run failed instead of leaving it "running".
    sim.setFault('geocoding', { latencyMs: 10_000 });
    const crashed = (await call(second.url, 'POST', '/v1/runs', { body: { prompt: SLOW_PROMPT } })).body.id;
    await second.kill();
    sim.clearFaults();
    const third = await start(['--no-auth']);
    const after = await call(third.url, 'GET', `/v1/runs/${crashed}`);
    expect(after.body).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^interrupted by restart/),
    });
    expect((await call(third.url, 'GET', `/v1/runs/${ids.quick}`)).body.status).toBe('succeeded');
  });
});
