import { newMessageId } from './ids.js';
import type { Reply } from './model.js';

export interface Usage {
  input_tokens: number;
  output_tokens: number;
}

/** The non-streaming response body, shaped like the real `Message`. */
export function messageBody(reply: Reply, model: string, usage: Usage) {
  return {
    id: newMessageId(),
    type: 'message',
    role: 'assistant',
    model,
    content: reply.content.map((b) => (b.type === 'tool_use' ? { ...b, caller: { type: 'direct' } } : b)),
    stop_reason: reply.stopReason,
    stop_sequence: null,
    stop_details: null,
    container: null,
    usage: {
      ...usage,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      service_tier: 'standard',
    },
  };
}

export type MessageBody = ReturnType<typeof messageBody>;

export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

const TEXT_CHUNK_CHARS = 24;

/**
 * The SSE events the real API sends for a message: message_start, then per block its start, deltas
 * and stop (text in small chunks, tool input as partial JSON), a ping, message_delta with the stop
 * reason and output tokens, message_stop.
 */
export function streamEvents(message: MessageBody): SseEvent[] {
  const { content, stop_reason, usage, ...rest } = message;
  const events: SseEvent[] = [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: { ...rest, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } },
      },
    },
  ];
  for (const [index, block] of content.entries()) {
    const start = block.type === 'text' ? { type: 'text', text: '' } : { ...block, input: {} };
    events.push({
      event: 'content_block_start',
      data: { type: 'content_block_start', index, content_block: start },
    });
    if (index === 0) events.push({ event: 'ping', data: { type: 'ping' } });
    const deltas =
      block.type === 'text'
        ? chunks(block.text, TEXT_CHUNK_CHARS).map((text) => ({ type: 'text_delta', text }))
        : chunks(JSON.stringify(block.input), Math.ceil(JSON.stringify(block.input).length / 2)).map(
            (partial_json) => ({ type: 'input_json_delta', partial_json }),
          );
    for (const delta of deltas) {
      events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta } });
    }
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  }
  events.push(
    {
      event: 'message_delta',
      data: {
        type: 'message_delta',
        delta: { stop_reason, stop_sequence: null, stop_details: null, container: null },
        usage: { output_tokens: usage.output_tokens },
      },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  );
  return events;
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += Math.max(1, size)) out.push(text.slice(i, i + size));
  return out;
}

export const formatSse = (e: SseEvent): string => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
