import type Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { RESILIENCE_SYSTEM_PROMPT } from '../../host/agent/index.js';
import {
  FOUR_TOOL_PROMPT,
  failing,
  HEALTHY,
  lastMessageBlocks,
  observeRun,
  ok,
  useFakeClaude,
} from './harness.js';

const ctx = useFakeClaude();
const ALL_FOUR = ['get_weather', 'convert_currency', 'get_stock_quote', 'get_wikipedia_summary'];

describe('agent loop', () => {
  it('runs all tool calls of a turn at once and sends every result back in one user message, results first', async () => {
    const { result, executor, events, requests } = await observeRun(ctx, FOUR_TOOL_PROMPT, HEALTHY);

    expect(executor.turns).toHaveLength(1);
    const [turn] = executor.turns;
    expect(turn?.toolUses.map((u) => u.name)).toEqual(ALL_FOUR);
    expect(turn?.deadlineMs).toBeGreaterThan(0);
    expect(turn?.deadlineMs).toBeLessThanOrEqual(30_000);
    expect(turn?.signal).toBeInstanceOf(AbortSignal);

    const [first, second] = requests;
    expect(first?.body).toMatchObject({
      model: 'claude-sonnet-5-5',
      stream: true,
      system: RESILIENCE_SYSTEM_PROMPT,
    });
    const blocks = lastMessageBlocks(second?.body);
    expect(blocks.map((b) => b.type)).toEqual(['tool_result', 'tool_result', 'tool_result', 'tool_result']);
    expect(blocks.map((b) => (b as Anthropic.ToolResultBlockParam).tool_use_id)).toEqual(
      turn?.toolUses.map((u) => u.id),
    );

    expect(result.stopReason).toBe('end_turn');
    expect(result.turns).toBe(2);
    expect(result.answer).toContain('temperature: 18');
    expect(result.answer).toContain('result: 92.31');
    expect(result.answer).toContain('Ada Lovelace was an English mathematician.');
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);

    const streamed = events
      .filter((e) => e.type === 'text' && e.turn === 2)
      .map((e) => (e as { delta: string }).delta);
    expect(streamed.join('')).toBe(result.answer);
    expect(events.map((e) => e.type).filter((t) => t !== 'text')).toEqual([
      'turn-start',
      'turn-end',
      'tool-uses',
      'tool-results',
      'turn-start',
      'turn-end',
    ]);
  });

  it('answers with stale and failed results flagged, retrying a failed tool once', async () => {
    const { result, executor } = await observeRun(ctx, FOUR_TOOL_PROMPT, {
      ...HEALTHY,
      get_weather: ok('[cached result, 120 s old, recorded 2026-01-01T10:00:00Z] {"temperature":17}'),
      get_stock_quote: failing('Upstream stock API answered 503 Service Unavailable'),
    });

    expect(executor.turns.map((t) => t.toolUses.map((u) => u.name))).toEqual([ALL_FOUR, ['get_stock_quote']]);
    expect(result.stopReason).toBe('end_turn');
    expect(result.answer).toContain('120 s old');
    expect(result.answer).toMatch(/get_stock_quote.*failed.*503 Service Unavailable/);
    expect(result.answer).toContain('Missing: the AAPL stock quote');
  });

  it('tells Claude plainly which tools failed when most of a turn failed, and Claude re-plans', async () => {
    const { result, executor, events, requests } = await observeRun(ctx, FOUR_TOOL_PROMPT, {
      ...HEALTHY,
      get_weather: failing('Request timed out after 8000 ms'),
      convert_currency: failing('Circuit open for currency server'),
      get_stock_quote: failing('Upstream stock API answered 503'),
    });

    const blocks = lastMessageBlocks(requests[1]?.body);
    expect(blocks.map((b) => b.type)).toEqual([
      'tool_result',
      'tool_result',
      'tool_result',
      'tool_result',
      'text',
    ]);
    const summary = (blocks[4] as Anthropic.TextBlockParam).text;
    expect(summary).toContain('3 of 4 tool calls in this turn failed');
    expect(summary).toContain('get_weather');
    expect(summary).toContain('Request timed out after 8000 ms');
    expect(summary).toContain('Circuit open for currency server');
    expect(summary).toContain('get_stock_quote');
    expect(summary).toMatch(/re-plan/i);
    expect(events.find((e) => e.type === 'reprompt')).toMatchObject({ failed: [{}, {}, {}] });

    // Claude answered with what it had instead of looping on the failed tools.
    expect(executor.turns).toHaveLength(1);
    expect(result.answer).toContain('Ada Lovelace was an English mathematician.');
    expect(result.answer).toMatch(/Missing: .*weather in Paris/);
  });

  it('sends no failure summary when failures stay within the ratio', async () => {
    const { requests } = await observeRun(ctx, FOUR_TOOL_PROMPT, {
      ...HEALTHY,
      get_weather: failing('timeout'),
      get_stock_quote: failing('503'),
    });
    expect(lastMessageBlocks(requests[1]?.body).every((b) => b.type === 'tool_result')).toBe(true);
  });

  it('answers directly without calling tools when none fit', async () => {
    const { result, executor } = await observeRun(ctx, 'Tell me a joke', HEALTHY);
    expect(executor.turns).toHaveLength(0);
    expect(result.turns).toBe(1);
    expect(result.answer).not.toBe('');
  });

  it('repairs an executor that returns too few, duplicate or unknown results, so the API never sees them', async () => {
    const r = (id: string): Anthropic.ToolResultBlockParam => ({
      type: 'tool_result',
      tool_use_id: id,
      content: 'x',
    });
    const { result, requests } = await observeRun(ctx, FOUR_TOOL_PROMPT, HEALTHY, {
      executeTurn: async ([a, b]) => (a && b ? [r(b.id), r(a.id), r(a.id), r('toolu_01stranger')] : []),
    });
    const blocks = lastMessageBlocks(requests[1]?.body) as Anthropic.ToolResultBlockParam[];
    const assistant = result.messages[1]?.content as Anthropic.ContentBlock[];
    const toolUseIds = assistant.filter((b) => b.type === 'tool_use').map((b) => b.id);
    // One result per call, in call order; the two the executor forgot are reported as errors.
    expect(blocks.map((b) => b.tool_use_id)).toEqual(toolUseIds);
    expect(blocks.map((b) => b.is_error === true)).toEqual([false, false, true, true]);
    expect(result.stopReason).toBe('end_turn');
  });

  it('turns an executor that throws into is_error results and carries on', async () => {
    const { result } = await observeRun(ctx, 'weather in Paris', HEALTHY, {
      executeTurn: async () => {
        throw new Error('pool exploded');
      },
    });
    expect(result.stopReason).toBe('end_turn');
    expect(result.answer).toContain('pool exploded');
  });
});
