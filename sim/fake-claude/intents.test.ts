import { describe, expect, it } from 'vitest';
import { intentsFromPrompt } from './intents.js';
import type { ToolDefinition } from './request-schema.js';
import { planCalls } from './tool-matching.js';

const TOOLS: ToolDefinition[] = [
  tool('get_weather', { location: 'string' }, ['location']),
  tool('convert_currency', { amount: 'number', from: 'string', to: 'string', date: 'string' }, [
    'amount',
    'from',
    'to',
  ]),
  tool('get_stock_quote', { symbol: 'string' }, ['symbol']),
  tool('get_wikipedia_summary', { title: 'string' }, ['title']),
];

function tool(name: string, props: Record<string, string>, required: string[]): ToolDefinition {
  const properties = Object.fromEntries(Object.entries(props).map(([k, type]) => [k, { type }]));
  return { name, input_schema: { type: 'object', properties, required } };
}

describe('scripted model: intents from a prompt', () => {
  it('finds all four intents in one prompt, in prompt order', () => {
    const prompt =
      "What's the weather in Paris, convert 100 USD to EUR, get the stock quote for AAPL and a Wikipedia summary of Ada Lovelace.";
    expect(intentsFromPrompt(prompt).map((i) => [i.kind, i.slots])).toEqual([
      ['weather', { location: 'Paris' }],
      ['currency', { amount: 100, from: 'USD', to: 'EUR' }],
      ['stock', { symbol: 'AAPL' }],
      ['wikipedia', { title: 'Ada Lovelace' }],
    ]);
  });

  it('understands other phrasings', () => {
    const kinds = (p: string) => intentsFromPrompt(p).map((i) => [i.kind, Object.values(i.slots)]);
    expect(kinds('Who is Grace Hopper?')).toEqual([['wikipedia', ['Grace Hopper']]]);
    expect(kinds('How is MSFT stock doing?')).toEqual([['stock', ['MSFT']]]);
    expect(kinds('convert 1,250.50 gbp into jpy on 2024-01-02')).toEqual([
      ['currency', [1250.5, 'GBP', 'JPY', '2024-01-02']],
    ]);
    expect(kinds('what is the weather for New York City today?')).toEqual([['weather', ['New York City']]]);
    expect(kinds('Tell me a joke')).toEqual([]);
  });

  it('does not read "what is the weather" as an encyclopedia question', () => {
    expect(intentsFromPrompt('what is the weather in Oslo').map((i) => i.kind)).toEqual(['weather']);
  });
});

describe('scripted model: filling tool inputs from schemas', () => {
  const intents = intentsFromPrompt('weather in Paris, 100 USD to EUR, AAPL stock, who is Ada Lovelace');

  it('uses each tool schema’s own property names', () => {
    expect(planCalls(intents, TOOLS).map((c) => [c.tool, c.input])).toEqual([
      ['get_weather', { location: 'Paris' }],
      ['convert_currency', { amount: 100, from: 'USD', to: 'EUR' }],
      ['get_stock_quote', { symbol: 'AAPL' }],
      ['get_wikipedia_summary', { title: 'Ada Lovelace' }],
    ]);
  });

  it('maps aliases, matches namespaced names and prefers primaries over _cached backups', () => {
    const tools = [
      tool('weather__get_weather_cached', { location: 'string' }, ['location']),
      tool('weather__get_weather', { city: 'string' }, ['city']),
      tool('fx__convert_currency', { base: 'string', symbols: 'string', amount: 'string' }, [
        'base',
        'symbols',
      ]),
    ];
    expect(planCalls(intents, tools).map((c) => [c.tool, c.input])).toEqual([
      ['weather__get_weather', { city: 'Paris' }],
      ['fx__convert_currency', { base: 'USD', symbols: 'EUR', amount: '100' }],
    ]);
  });

  it('skips a tool whose required arguments it cannot fill', () => {
    const tools = [
      tool('get_weather', { latitude: 'number', longitude: 'number' }, ['latitude', 'longitude']),
    ];
    expect(planCalls(intents, tools)).toEqual([]);
  });
});
