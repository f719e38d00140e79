import type Anthropic from '@anthropic-ai/sdk';
import { shorten } from '../../shared/text.js';
import { toolResultText } from '../executor/result-convert.js';
import type { FailedTool, ToolUse } from './types.js';

type ToolResult = Anthropic.ToolResultBlockParam;

/**
 * Exactly one result per tool_use, in tool_use order — whatever the executor returned. The API
 * rejects the whole request if an id is missing, duplicated or unknown, so the loop never trusts
 * the executor on this: a missing result becomes an is_error result, extras are dropped.
 */
export function pairResults(toolUses: ToolUse[], results: ToolResult[]): ToolResult[] {
  const byId = new Map<string, ToolResult>();
  for (const r of results) if (!byId.has(r.tool_use_id)) byId.set(r.tool_use_id, r);
  return toolUses.map(
    (use) =>
      byId.get(use.id) ?? {
        type: 'tool_result',
        tool_use_id: use.id,
        is_error: true,
        content: `The host returned no result for ${use.name}.`,
      },
  );
}

/** Every result is_error, saying why (used when the executor itself throws). */
export function allFailed(toolUses: ToolUse[], reason: string): ToolResult[] {
  return toolUses.map((use) => ({
    type: 'tool_result',
    tool_use_id: use.id,
    is_error: true,
    content: `Tool execution failed: ${reason}`,
  }));
}

export function failedTools(toolUses: ToolUse[], results: ToolResult[]): FailedTool[] {
  const names = new Map(toolUses.map((u) => [u.id, u.name]));
  return results
    .filter((r) => r.is_error === true)
    .map((r) => ({
      toolUseId: r.tool_use_id,
      tool: names.get(r.tool_use_id) ?? 'unknown',
      error: toolResultText(r, ' '),
    }));
}

const MAX_REASON_CHARS = 300;

/**
 * The text block appended after the results when too many failed: plain about which tools failed
 * and why, and asking Claude to re-plan instead of guessing.
 */
export function failureSummary(failed: FailedTool[], total: number): string {
  const lines = failed.map((f) => `- ${f.tool} (${f.toolUseId}): ${oneLine(f.error) || 'no reason given'}`);
  return [
    `Tool failure summary: ${failed.length} of ${total} tool calls in this turn failed.`,
    ...lines,
    'Please re-plan: do not guess the missing data. Retry a failed tool at most once and only if its error looks ' +
      'temporary; otherwise use the other tools or answer with what you have and say plainly what is missing.',
  ].join('\n');
}

function oneLine(text: string): string {
  return shorten(text.replace(/\s+/g, ' ').trim(), MAX_REASON_CHARS);
}
