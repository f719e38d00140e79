import { describe, expect, it } from 'vitest';
import { toolResultText, toToolResultContent, truncateText } from './result-convert.js';

describe('toToolResultContent', () => {
  it('keeps text and supported images, describes what Claude cannot take', () => {
    const blocks = toToolResultContent(
      {
        content: [
          { type: 'text', text: 'hello' },
          { type: 'image', data: 'AAAA', mimeType: 'image/png' },
          { type: 'image', data: 'AAAA', mimeType: 'image/svg+xml' },
          { type: 'audio', data: 'AAAA', mimeType: 'audio/wav' },
          { type: 'resource', resource: { uri: 'file:///a.txt', text: 'inside' } },
          { type: 'resource', resource: { uri: 'file:///a.png', blob: 'BBBB', mimeType: 'image/png' } },
          { type: 'resource', resource: { uri: 'file:///a.bin', blob: 'CCCC' } },
          {
            type: 'resource_link',
            uri: 'https://x/doc',
            name: 'doc',
            mimeType: 'text/html',
            description: 'the doc',
          },
        ],
      },
      10_000,
    );
    expect(blocks).toEqual([
      { type: 'text', text: 'hello' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
      { type: 'text', text: expect.stringContaining('image of type image/svg+xml omitted') },
      { type: 'text', text: expect.stringContaining('audio of type audio/wav omitted') },
      { type: 'text', text: '[resource file:///a.txt]\ninside' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'BBBB' } },
      { type: 'text', text: '[binary resource file:///a.bin (application/octet-stream) omitted]' },
      { type: 'text', text: '[resource link] doc: https://x/doc (text/html) — the doc' },
    ]);
  });

  it('renders structuredContent as JSON text only when there is no text block', () => {
    const structured = { temp: 21, unit: 'C' };
    expect(toToolResultContent({ content: [], structuredContent: structured }, 1000)).toEqual([
      { type: 'text', text: '{"temp":21,"unit":"C"}' },
    ]);
    expect(
      toToolResultContent({ content: [{ type: 'text', text: '21 C' }], structuredContent: structured }, 1000),
    ).toEqual([{ type: 'text', text: '21 C' }]);
    expect(toToolResultContent({ content: [] }, 1000)).toEqual([
      { type: 'text', text: '(the tool returned no content)' },
    ]);
  });

  it('truncates oversize text with a marker', () => {
    const blocks = truncateText(
      [
        { type: 'text', text: 'a'.repeat(80) },
        { type: 'text', text: 'b'.repeat(80) },
        { type: 'text', text: 'c'.repeat(80) },
      ],
      100,
    );
    expect(blocks.map((b) => (b.type === 'text' ? b.text : ''))).toEqual([
      'a'.repeat(80),
      'b'.repeat(20),
      '[… truncated by resilient-mcp: 100 of 240 characters shown]',
    ]);
  });
});

describe('toolResultText', () => {
  it('joins text blocks, names other blocks, and passes plain strings through', () => {
    const result = {
      type: 'tool_result' as const,
      tool_use_id: 'u',
      content: [
        { type: 'text' as const, text: 'a' },
        {
          type: 'image' as const,
          source: { type: 'base64' as const, media_type: 'image/png' as const, data: 'x' },
        },
        { type: 'text' as const, text: 'b' },
      ],
    };
    expect(toolResultText(result)).toBe('a\n[image]\nb');
    expect(toolResultText(result, ' ')).toBe('a [image] b');
    expect(toolResultText({ type: 'tool_result', tool_use_id: 'u', content: 'plain' })).toBe('plain');
    expect(toolResultText({ type: 'tool_result', tool_use_id: 'u' })).toBe('');
  });
});
