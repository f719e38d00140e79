import type Anthropic from '@anthropic-ai/sdk';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export type ToolResultBlock = Anthropic.TextBlockParam | Anthropic.ImageBlockParam;

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
type ImageMediaType = Anthropic.Base64ImageSource['media_type'];

function image(data: string, mimeType: string, label: string): ToolResultBlock {
  if (IMAGE_TYPES.has(mimeType)) {
    return { type: 'image', source: { type: 'base64', media_type: mimeType as ImageMediaType, data } };
  }
  return text(`[${label} of type ${mimeType} omitted: Claude accepts only JPEG, PNG, GIF and WebP images]`);
}

const text = (value: string): Anthropic.TextBlockParam => ({ type: 'text', text: value });

type McpContent = CallToolResult['content'][number];

function convertBlock(block: McpContent): ToolResultBlock {
  switch (block.type) {
    case 'text':
      return text(block.text);
    case 'image':
      return image(block.data, block.mimeType, 'image');
    case 'audio':
      return text(`[audio of type ${block.mimeType} omitted: tool results cannot carry audio]`);
    case 'resource': {
      const { resource } = block;
      if ('text' in resource && typeof resource.text === 'string') {
        return text(`[resource ${resource.uri}]\n${resource.text}`);
      }
      const mime = resource.mimeType ?? 'application/octet-stream';
      if ('blob' in resource && IMAGE_TYPES.has(mime)) return image(resource.blob, mime, 'resource');
      return text(`[binary resource ${resource.uri} (${mime}) omitted]`);
    }
    case 'resource_link': {
      const about = block.description ? ` — ${block.description}` : '';
      return text(
        `[resource link] ${block.name}: ${block.uri}${block.mimeType ? ` (${block.mimeType})` : ''}${about}`,
      );
    }
    default:
      return text(JSON.stringify(block));
  }
}

/**
 * MCP `CallToolResult` → Anthropic `tool_result` content: text and images as they are, embedded text
 * resources as text, links and unsupported media as short descriptions, `structuredContent` as JSON
 * text when the tool sent no text block. Text beyond `maxChars` is cut with a visible marker.
 */
export function toToolResultContent(result: CallToolResult, maxChars: number): ToolResultBlock[] {
  const blocks = (result.content ?? []).map(convertBlock);
  const hasText = (result.content ?? []).some((b) => b.type === 'text');
  if (!hasText && result.structuredContent !== undefined) {
    blocks.unshift(text(JSON.stringify(result.structuredContent)));
  }
  if (blocks.length === 0) blocks.push(text('(the tool returned no content)'));
  return truncateText(blocks, maxChars);
}

/** Keeps at most `maxChars` of text across all blocks; the cut is marked so Claude knows data is missing. */
export function truncateText(blocks: ToolResultBlock[], maxChars: number): ToolResultBlock[] {
  const total = blocks.reduce((n, b) => n + (b.type === 'text' ? b.text.length : 0), 0);
  if (total <= maxChars) return blocks;
  const out: ToolResultBlock[] = [];
  let left = maxChars;
  for (const block of blocks) {
    if (block.type !== 'text') {
      out.push(block);
      continue;
    }
    if (left <= 0) continue;
    out.push(block.text.length <= left ? block : text(block.text.slice(0, left)));
    left -= block.text.length;
  }
  out.push(text(`[… truncated by resilient-mcp: ${maxChars} of ${total} characters shown]`));
  return out;
}

/** Puts a note in front of a result's content (fallback provenance, retry notes). */
export function withNote(note: string, blocks: ToolResultBlock[]): ToolResultBlock[] {
  return [text(note), ...blocks];
}

/** A tool_result's content as plain text: text blocks joined by `separator`, other blocks named (`[image]`). */
export function toolResultText(result: Anthropic.ToolResultBlockParam, separator = '\n'): string {
  const { content } = result;
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((block) => (block.type === 'text' ? block.text : `[${block.type}]`)).join(separator);
}
