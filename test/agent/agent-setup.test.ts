import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConfigError, createAnthropicClient, resolveAgentConfig } from '../../host/agent/index.js';
import { type FakeClaude, startFakeClaude } from '../../sim/fake-claude/index.js';

describe('createAnthropicClient', () => {
  let fake: FakeClaude;
  beforeAll(async () => {
    fake = await startFakeClaude({ apiKeys: ['sk-env-key'] });
  });
  afterAll(() => fake.close());

  it('refuses to start without a key, saying what to set', () => {
    let err: unknown;
    try {
      createAnthropicClient({ env: {} });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AgentConfigError);
    expect((err as AgentConfigError).message).toMatch(/^No Anthropic API key: set ANTHROPIC_API_KEY/);
  });

  it('takes the key and base URL from ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL', async () => {
    const client = createAnthropicClient({
      env: { ANTHROPIC_API_KEY: 'sk-env-key', ANTHROPIC_BASE_URL: `${fake.url}/v1/` },
      maxRetries: 0,
    });
    const message = await client.messages.create({
      model: 'claude-sonnet-5-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(message.type).toBe('message');
    expect(fake.requests.at(-1)?.headers.authorization).toBe('Bearer sk-env-key');
  });

  it('lets explicit options win over the environment', () => {
    const client = createAnthropicClient({
      apiKey: 'sk-explicit',
      baseURL: 'http://127.0.0.1:9',
      maxRetries: 4,
      timeoutMs: 1234,
      env: { ANTHROPIC_API_KEY: 'sk-env', ANTHROPIC_BASE_URL: 'http://example.invalid' },
    });
    expect([client.apiKey, client.baseURL, client.maxRetries, client.timeout]).toEqual([
      'sk-explicit',
      'http://127.0.0.1:9',
      4,
      1234,
    ]);
  });
});

describe('resolveAgentConfig', () => {
  it('has documented defaults', () => {
    expect(resolveAgentConfig({ env: {} })).toEqual({
      model: 'claude-sonnet-5-5',
      maxTokens: 4096,
      maxTurns: 8,
      runDeadlineMs: 120_000,
      turnDeadlineMs: 30_000,
      failureRatio: 0.5,
      maxTokensContinuations: 1,
    });
  });

  it('layers file < env < flags', () => {
    const config = resolveAgentConfig({
      file: { model: 'claude-haiku-5-5', maxTurns: 3, maxTokens: 1000 },
      env: { RESILIENT_MCP_MAX_TURNS: '5', RESILIENT_MCP_FAILURE_RATIO: '0.25' },
      flags: { maxTurns: 6 },
    });
    expect(config).toMatchObject({
      model: 'claude-haiku-5-5',
      maxTokens: 1000,
      maxTurns: 6,
      failureRatio: 0.25,
    });
  });

  it('names the source of a bad value', () => {
    expect(() => resolveAgentConfig({ env: { RESILIENT_MCP_MAX_TURNS: 'lots' } })).toThrow(
      /^RESILIENT_MCP_MAX_TURNS: /,
    );
    expect(() => resolveAgentConfig({ env: {}, file: { failureRatio: 2 }, fileName: 'agent.json' })).toThrow(
      /^agent\.json field failureRatio: /,
    );
    expect(() =>
      resolveAgentConfig({ env: {}, file: { maxTurn: 3 } as never, fileName: 'agent.json' }),
    ).toThrow(AgentConfigError);
  });
});
