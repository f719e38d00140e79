import { blocksOf, isToolResult, isToolUse, type MessageParam } from './request-schema.js';

/**
 * Checks the tool_use ↔ tool_result pairing the way the real API does, returning its exact 400
 * message or undefined. Rules: every tool_use id of an assistant turn has exactly one tool_result in
 * the very next (user) message, and those results come first in its content; a tool_result whose id
 * the previous assistant turn did not issue is "unexpected".
 */
export function toolPairingError(messages: MessageParam[]): string | undefined {
  for (const [i, message] of messages.entries()) {
    const problem =
      message.role === 'assistant' ? missingResults(messages, i) : unexpectedResults(messages, i);
    if (problem) return problem;
  }
  return undefined;
}

function toolUseIds(message: MessageParam | undefined): string[] {
  if (message?.role !== 'assistant') return [];
  return blocksOf(message)
    .filter(isToolUse)
    .map((b) => b.id);
}

/** The tool_result ids at the head of a message's content (the only ones the API pairs). */
function leadingResultIds(message: MessageParam | undefined): string[] {
  if (message?.role !== 'user') return [];
  const ids: string[] = [];
  for (const block of blocksOf(message)) {
    if (!isToolResult(block)) break;
    ids.push(block.tool_use_id);
  }
  return ids;
}

function missingResults(messages: MessageParam[], i: number): string | undefined {
  const ids = toolUseIds(messages[i]);
  if (ids.length === 0) return undefined;
  const answered = new Set(leadingResultIds(messages[i + 1]));
  const missing = ids.filter((id) => !answered.has(id));
  if (missing.length === 0) return undefined;
  return (
    `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ` +
    `${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`
  );
}

function unexpectedResults(messages: MessageParam[], i: number): string | undefined {
  const message = messages[i];
  if (!message) return undefined;
  const issued = new Set(toolUseIds(messages[i - 1]));
  const seen = new Set<string>();
  for (const [j, block] of blocksOf(message).entries()) {
    if (!isToolResult(block)) continue;
    const id = block.tool_use_id;
    if (!issued.has(id)) {
      return (
        `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. ` +
        'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.'
      );
    }
    if (seen.has(id)) {
      // Wording not verified against the live API; the status and error type are.
      return (
        `messages.${i}.content.${j}: each tool_use must have a single result. ` +
        `Found multiple \`tool_result\` blocks with id: ${id}`
      );
    }
    seen.add(id);
  }
  return undefined;
}
