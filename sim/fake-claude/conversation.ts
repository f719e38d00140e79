import {
  blocksOf,
  isToolResult,
  isToolUse,
  type MessageParam,
  type MessagesRequest,
  type RequestBlock,
  type ToolResultBlock,
} from './request-schema.js';

/** One tool call seen in the history, with the result the client sent for it (if any). */
export interface CallInHistory {
  id: string;
  name: string;
  input: unknown;
  round: number;
  result?: { text: string; isError: boolean };
}

/** What the scripted model needs to know about a conversation (the API is stateless: it is all in the request). */
export interface Conversation {
  prompt: string;
  calls: CallInHistory[];
  toolRounds: number;
  /** Text the client put after the tool_results of the last message (e.g. a host's failure summary). */
  trailingText: string;
}

export function readConversation(request: MessagesRequest): Conversation {
  const firstUser = request.messages.find((m) => m.role === 'user');
  const calls: CallInHistory[] = [];
  const byId = new Map<string, CallInHistory>();
  let toolRounds = 0;
  for (const message of request.messages) {
    const blocks = blocksOf(message);
    if (message.role === 'assistant' && blocks.some(isToolUse)) toolRounds += 1;
    for (const block of blocks) {
      if (isToolUse(block)) {
        const call = { id: block.id, name: block.name, input: block.input, round: toolRounds };
        calls.push(call);
        byId.set(block.id, call);
      } else if (isToolResult(block)) {
        const call = byId.get(block.tool_use_id);
        if (call) call.result = { text: resultText(block), isError: block.is_error === true };
      }
    }
  }
  const last = request.messages.at(-1);
  return {
    prompt: firstUser ? textOf(blocksOf(firstUser)) : '',
    calls,
    toolRounds,
    trailingText: last?.role === 'user' ? trailingTextOf(last) : '',
  };
}

function textOf(blocks: RequestBlock[]): string {
  return blocks
    .map((b) => (b.type === 'text' && typeof b.text === 'string' ? b.text : ''))
    .filter(Boolean)
    .join('\n');
}

function trailingTextOf(message: MessageParam): string {
  const blocks = blocksOf(message);
  if (!blocks.some(isToolResult)) return '';
  return textOf(blocks.filter((b) => !isToolResult(b)));
}

function resultText(block: ToolResultBlock): string {
  const { content } = block;
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return textOf(content as RequestBlock[]);
}
