import { z } from 'zod';

/**
 * The part of a Messages request the fake reads. Loose objects: the real API accepts many more
 * fields (cache_control, citations, …) and the fake must not reject what the SDK legitimately sends.
 */
const TextBlock = z.looseObject({ type: z.literal('text'), text: z.string() });
const ToolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});
const ToolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).optional(),
  is_error: z.boolean().optional(),
});
const OtherBlock = z.looseObject({ type: z.string() });
const ContentBlock = z.union([TextBlock, ToolUseBlock, ToolResultBlock, OtherBlock]);

export const MessageParam = z.looseObject({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(ContentBlock)]),
});

export const ToolDefinition = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  input_schema: z.looseObject({
    type: z.string().optional(),
    properties: z.record(z.string(), z.looseObject({ type: z.unknown().optional() })).optional(),
    required: z.array(z.string()).optional(),
  }),
});

export const MessagesRequest = z.looseObject({
  model: z.string(),
  max_tokens: z.number().int().min(1),
  messages: z.array(MessageParam).min(1),
  system: z.union([z.string(), z.array(TextBlock)]).optional(),
  tools: z.array(ToolDefinition).optional(),
  stream: z.boolean().optional(),
  tool_choice: z
    .looseObject({ type: z.string(), disable_parallel_tool_use: z.boolean().optional() })
    .optional(),
});

export const CountTokensRequest = MessagesRequest.omit({ max_tokens: true, stream: true });

export type MessagesRequest = z.infer<typeof MessagesRequest>;
export type MessageParam = z.infer<typeof MessageParam>;
export type ToolDefinition = z.infer<typeof ToolDefinition>;
export type RequestBlock = z.infer<typeof ContentBlock>;
export type ToolResultBlock = z.infer<typeof ToolResultBlock>;
export type ToolUseBlock = z.infer<typeof ToolUseBlock>;

export const isToolUse = (b: RequestBlock): b is ToolUseBlock => b.type === 'tool_use';
export const isToolResult = (b: RequestBlock): b is ToolResultBlock => b.type === 'tool_result';

/** A message's content as blocks (a string is one text block). */
export function blocksOf(message: MessageParam): RequestBlock[] {
  return typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
}

/** First schema problem in the real API's wording: `max_tokens: Field required`. */
export function schemaErrorMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request';
  const path = issue.path.join('.');
  const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
  return `${path}: ${missing ? 'Field required' : issue.message}`;
}
