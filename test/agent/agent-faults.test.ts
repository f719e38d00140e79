import { describe, expect, it } from 'vitest';
import { AgentError, type AgentOptions, CONTINUE_PROMPT } from '../../host/agent/index.js';
import {
  clientFor,
  FOUR_TOOL_PROMPT,
  HEALTHY,
  lastMessageBlocks,
  observeRun,
  useFakeClaude,
} from './harness.js';

const ctx = useFakeClaude();
const run = async (prompt: string, extra: Partial<AgentOptions> = {}) =>
  (await observeRun(ctx, prompt, HEALTHY, extra)).result;
const newRequests = () => ctx.requestsSince();

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the run to fail');
    },
    (err: unknown) => err as AgentError,
  );

describe('agent: API faults', () => {
  it('rides out a 529 through the SDK retries', async () => {
    ctx.fake.setFaults({ overloaded: 1, retryAfterMs: 5 });
    const requests = newRequests();
    const result = await run(FOUR_TOOL_PROMPT);
    expect(result.stopReason).toBe('end_turn');
    expect(requests().map((r) => r.status)).toEqual([529, 200, 200]);
  });

  it('rides out 429s with retry-after (seconds) through the SDK retries', async () => {
    ctx.fake.setFaults({ rateLimited: 2, retryAfterSeconds: 0.01 });
    const requests = newRequests();
    const result = await run('weather in Paris');
    expect(result.stopReason).toBe('end_turn');
    expect(requests().map((r) => [r.status, r.headers['x-stainless-retry-count']])).toEqual([
      [429, '0'],
      [429, '1'],
      [200, '2'],
      [200, '0'],
    ]);
  });

  it('reports persistent overload as code "overloaded" once the retries are spent', async () => {
    ctx.fake.setFaults({ overloaded: 5, retryAfterMs: 1 });
    const err = await failure(run('weather in Paris', { client: clientFor(ctx.fake, 'test', 1) }));
    expect(err).toBeInstanceOf(AgentError);
    expect(err.code).toBe('overloaded');
    expect(err.status).toBe(529);
  });

  it('reports a rejected key as code "auth" with a message that says what to fix', async () => {
    const requests = newRequests();
    const err = await failure(run('weather in Paris', { client: clientFor(ctx.fake, 'sk-invalid-key') }));
    expect(err).toBeInstanceOf(AgentError);
    expect(err.code).toBe('auth');
    expect(err.message).toBe('Anthropic API rejected the API key (401) — check ANTHROPIC_API_KEY');
    expect(err.requestId).toMatch(/^req_/);
    expect(requests()).toHaveLength(1); // 401 is not retried
  });

  it('reports a stream that breaks off mid-way', async () => {
    ctx.fake.setFaults({ midStreamError: 1 });
    const err = await failure(run('weather in Paris'));
    expect(err.code).toBe('overloaded');
    expect(err.partial?.turns).toBe(1);
  });
});

describe('agent: stop reasons and limits', () => {
  it('asks the model to continue once after a max_tokens stop', async () => {
    ctx.fake.setFaults({ maxTokens: 1 });
    const requests = newRequests();
    const result = await run(FOUR_TOOL_PROMPT);
    const second = lastMessageBlocks(requests()[1]?.body);
    expect(second).toEqual([{ type: 'text', text: CONTINUE_PROMPT }]);
    expect(result.stopReason).toBe('end_turn');
    expect(result.answer).toContain('temperature: 18');
  });

  it('resumes a paused turn by sending the conversation back', async () => {
    ctx.fake.setFaults({ pauseTurn: 1 });
    const requests = newRequests();
    const result = await run(FOUR_TOOL_PROMPT);
    expect(requests()[1]?.body).toMatchObject({ messages: [{ role: 'user' }, { role: 'assistant' }] });
    expect(result.stopReason).toBe('end_turn');
    expect(result.turns).toBe(3);
  });

  it('reports a max_tokens stop when continuing is switched off', async () => {
    ctx.fake.setFaults({ maxTokens: 1 });
    const result = await run(FOUR_TOOL_PROMPT, { maxTokensContinuations: 0 });
    expect(result.stopReason).toBe('max_tokens');
    expect(result.turns).toBe(1);
    expect(result.answer.length).toBeGreaterThan(0);
  });

  it('stops at maxTurns without running tools whose results could not be sent', async () => {
    const { result, executor } = await observeRun(ctx, FOUR_TOOL_PROMPT, HEALTHY, { maxTurns: 1 });
    expect(result.stopReason).toBe('max_turns');
    expect(result.turns).toBe(1);
    expect(executor.turns).toHaveLength(0);
  });

  it('ends a run that outlives its deadline with code "deadline", even if the executor ignores its signal', async () => {
    const started = Date.now();
    const err = await failure(
      run(FOUR_TOOL_PROMPT, {
        runDeadlineMs: 300,
        executeTurn: () => new Promise(() => {}), // never settles, never looks at the signal
      }),
    );
    expect(err.code).toBe('deadline');
    expect(err.message).toContain('300 ms');
    expect(err.partial?.turns).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('ends a slow stream at the run deadline', async () => {
    ctx.fake.setFaults({ streamDelayMs: 200 });
    const err = await failure(run(FOUR_TOOL_PROMPT, { runDeadlineMs: 300 }));
    expect(err.code).toBe('deadline');
  });

  it('stops with code "cancelled" when the caller aborts', async () => {
    const controller = new AbortController();
    const err = await failure(
      run(FOUR_TOOL_PROMPT, {
        signal: controller.signal,
        executeTurn: (_uses, opts) => {
          controller.abort();
          return new Promise((_resolve, reject) =>
            opts.signal?.addEventListener('abort', () => reject(opts.signal?.reason)),
          );
        },
      }),
    );
    expect(err.code).toBe('cancelled');
  });

  it('answers calls the executor did not finish by the turn deadline as errors, and carries on', async () => {
    const requests = newRequests();
    const result = await run('weather in Paris', {
      turnDeadlineMs: 50,
      executeTurn: () => new Promise(() => {}),
    });
    const [blocks] = [lastMessageBlocks(requests()[1]?.body)];
    expect(blocks[0]).toMatchObject({ type: 'tool_result', is_error: true });
    expect(JSON.stringify(blocks[0])).toContain('no result within the turn deadline of 50 ms');
    expect(result.stopReason).toBe('end_turn');
  });
});
