import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeClaude, startFakeClaude } from './server.js';

const TOOLS: Anthropic.Tool[] = [
  {
    name: 'get_weather',
    description: 'Current weather',
    input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
  {
    name: 'get_stock_quote',
    description: 'Stock quote',
    input_schema: { type: 'object', properties: { symbol: { type: 'string' } }, required: ['symbol'] },
  },
];
const PROMPT = 'What is the weather in Paris and the stock quote for AAPL?';

let fake: FakeClaude;
beforeAll(async () => {
  fake = await startFakeClaude();
});
afterAll(() => fake.close());
afterEach(() => fake.setFaults({}));

const client = (apiKey = 'test', maxRetries = 0) => new Anthropic({ baseURL: fake.url, apiKey, maxRetries });
const base = { model: 'claude-sonnet-5-5', max_tokens: 1024, tools: TOOLS };

describe('fake Claude wire format', () => {
  it('streams parallel tool_use blocks that the SDK assembles into a final message', async () => {
    const texts: string[] = [];
    const stream = client().messages.stream({ ...base, messages: [{ role: 'user', content: PROMPT }] });
    stream.on('text', (delta) => texts.push(delta));
    const message = await stream.finalMessage();

    expect(message.id).toMatch(/^msg_01[0-9A-Za-z]{22}$/);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content[0]?.type).toBe('text');
    expect(texts.join('')).toBe((message.content[0] as Anthropic.TextBlock).text);
    const uses = message.content.filter((b) => b.type === 'tool_use');
    expect(uses.map((u) => [u.name, u.input])).toEqual([
      ['get_weather', { location: 'Paris' }],
      ['get_stock_quote', { symbol: 'AAPL' }],
    ]);
    for (const u of uses) expect(u.id).toMatch(/^toolu_01[0-9A-Za-z]{22}$/);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(stream.request_id).toMatch(/^req_/);
  });

  it('answers non-streaming requests from the tool results, flagging cached and failed ones', async () => {
    const first = await client().messages.create({ ...base, messages: [{ role: 'user', content: PROMPT }] });
    const [weather, stock] = first.content.filter((b) => b.type === 'tool_use');
    if (!weather || !stock) throw new Error('expected two tool uses');
    const answer = await client().messages.create({
      ...base,
      messages: [
        { role: 'user', content: PROMPT },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: weather.id,
              content:
                '[cached result, 120 s old, recorded 2026-01-01T00:00:00Z] {"temperature":18,"conditions":"sunny"}',
            },
            {
              type: 'tool_result',
              tool_use_id: stock.id,
              is_error: true,
              content: 'Upstream timed out after 8000 ms',
            },
            { type: 'text', text: 'Tool failure summary: get_stock_quote failed. Please re-plan.' },
          ],
        },
      ],
    });
    expect(answer.stop_reason).toBe('end_turn');
    const text = (answer.content[0] as Anthropic.TextBlock).text;
    expect(text).toContain('temperature: 18');
    expect(text).toContain('120 s old');
    expect(text).toContain('Upstream timed out');
    expect(text).toMatch(/Missing: the AAPL stock quote/);
  });

  it('answers directly when no offered tool fits', async () => {
    const message = await client().messages.create({
      ...base,
      messages: [{ role: 'user', content: 'Tell me a joke' }],
    });
    expect(message.stop_reason).toBe('end_turn');
    expect(message.content).toHaveLength(1);
  });

  it('serves count_tokens', async () => {
    const counted = await client().messages.countTokens({
      model: 'claude-sonnet-5-5',
      messages: [{ role: 'user', content: PROMPT }],
    });
    expect(counted.input_tokens).toBeGreaterThan(0);
  });
});

describe('fake Claude validation', () => {
  it('rejects a missing key and keys marked invalid with 401 authentication_error', async () => {
    const res = await fetch(`${fake.url}/v1/messages`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    const err = await client('sk-invalid-123')
      .messages.create({ ...base, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it('accepts x-api-key as well as Bearer', async () => {
    const res = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'content-type': 'application/json' },
      body: JSON.stringify({ ...base, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
  });

  it('names a missing required field', async () => {
    const err = await client()
      .messages.create({ model: 'claude-sonnet-5-5', messages: [{ role: 'user', content: 'hi' }] } as never)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect((err as APIError).apiMessage).toBe('max_tokens: Field required');
  });

  it('rejects a malformed tool_result set with the real 400 messages', async () => {
    const first = await client().messages.create({ ...base, messages: [{ role: 'user', content: PROMPT }] });
    const ids = first.content.filter((b) => b.type === 'tool_use').map((b) => b.id);
    const history = (content: Anthropic.ContentBlockParam[]): Anthropic.MessageParam[] => [
      { role: 'user', content: PROMPT },
      { role: 'assistant', content: first.content },
      { role: 'user', content },
    ];
    const result = (id: string | undefined): Anthropic.ToolResultBlockParam => ({
      type: 'tool_result',
      tool_use_id: id ?? '',
      content: 'ok',
    });
    const send = (content: Anthropic.ContentBlockParam[]) =>
      client()
        .messages.create({ ...base, messages: history(content) })
        .then(() => undefined)
        .catch((e: APIError) => e);
    const before = fake.validationFailures.length;

    const missing = await send([result(ids[0])]);
    expect(missing?.status).toBe(400);
    expect(missing?.apiMessage).toBe(
      `messages.2: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${ids[1]}. ` +
        'Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
    );

    const textFirst = await send([{ type: 'text', text: 'here you go' }, result(ids[0]), result(ids[1])]);
    expect(textFirst?.apiMessage).toContain('ids were found without `tool_result` blocks immediately after');

    const unexpected = await send([result(ids[0]), result(ids[1]), result('toolu_01unknown')]);
    expect(unexpected?.apiMessage).toBe(
      'messages.2.content.2: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01unknown. ' +
        'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
    );

    expect(await send([result(ids[0]), result(ids[1])])).toBeUndefined();
    expect(fake.validationFailures.length - before).toBe(3);
  });
});

describe('fake Claude faults', () => {
  it('answers 429 with retry-after-ms, which the SDK honours before succeeding', async () => {
    fake.setFaults({ rateLimited: 1, overloaded: 1, retryAfterMs: 5 });
    const seen = fake.requests.length;
    const message = await client('test', 2).messages.create({
      ...base,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(message.type).toBe('message');
    const statuses = fake.requests.slice(seen).map((r) => [r.status, r.headers['x-stainless-retry-count']]);
    expect(statuses).toEqual([
      [429, '0'],
      [529, '1'],
      [200, '2'],
    ]);
  });

  it('breaks a stream off with event: error', async () => {
    fake.setFaults({ midStreamError: 1 });
    const stream = client().messages.stream({ ...base, messages: [{ role: 'user', content: PROMPT }] });
    const err = await stream.finalMessage().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as APIError).type).toBe('overloaded_error');
  });

  it('stops with max_tokens when told to', async () => {
    fake.setFaults({ maxTokens: 1 });
    const stream = client().messages.stream({ ...base, messages: [{ role: 'user', content: PROMPT }] });
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.content.every((b) => b.type === 'text')).toBe(true);
  });

  it('slows a stream down', async () => {
    fake.setFaults({ streamDelayMs: 20 });
    const started = Date.now();
    await client()
      .messages.stream({ ...base, messages: [{ role: 'user', content: 'Tell me a joke' }] })
      .finalMessage();
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });
});
