import type Anthropic from '@anthropic-ai/sdk';
import { AgentConfig } from './config.js';
import { AgentError, toAgentError } from './errors.js';
import { executeTools } from './execute-tools.js';
import { RunScope } from './run-scope.js';
import { RESILIENCE_SYSTEM_PROMPT } from './system-prompt.js';
import { failedTools, failureSummary } from './tool-results.js';
import type { AgentEvent, AgentOptions, AgentResult, AgentStopReason, AgentUsage, ToolUse } from './types.js';

/** Sent after a `max_tokens` stop to let the model finish its answer. */
export const CONTINUE_PROMPT =
  'Your previous reply was cut off by the output limit. Please continue where you stopped.';

/**
 * The agent loop, on `messages.stream`: each request streams text (as `text` events); a `tool_use`
 * stop runs all of that turn's calls at once through `executeTurn` and sends every result back in one
 * user message, results first, plus a failure summary when too many failed. Ends on `end_turn` (or
 * another final stop), `maxTurns`, or the run deadline / caller's signal. API errors surface, after
 * the SDK's own retries, as an AgentError with a code and a message a user can act on.
 */
export async function runAgent(prompt: string, opts: AgentOptions): Promise<AgentResult> {
  const cfg = AgentConfig.parse({
    model: opts.model,
    maxTokens: opts.maxTokens,
    maxTurns: opts.maxTurns,
    runDeadlineMs: opts.runDeadlineMs,
    turnDeadlineMs: opts.turnDeadlineMs,
    failureRatio: opts.failureRatio,
    maxTokensContinuations: opts.maxTokensContinuations,
  });
  const scope = new RunScope(cfg.runDeadlineMs, opts.signal);
  const emit = (e: AgentEvent) => opts.onEvent?.(e);
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: prompt }];
  const usage: AgentUsage = { inputTokens: 0, outputTokens: 0 };
  let turns = 0;
  let answer = '';
  let continuations = 0;
  let continuing = false;
  let stopReason: AgentStopReason = 'end_turn';
  const result = (): AgentResult => ({
    answer,
    turns,
    stopReason,
    usage: { ...usage },
    messages: [...messages],
  });

  try {
    for (;;) {
      scope.throwIfAborted();
      turns += 1;
      const turn = turns;
      emit({ type: 'turn-start', turn });
      const stream = opts.client.messages.stream(
        {
          model: cfg.model,
          max_tokens: cfg.maxTokens,
          system: opts.system ?? RESILIENCE_SYSTEM_PROMPT,
          ...(opts.tools.length > 0 && { tools: opts.tools }),
          messages,
        },
        { signal: scope.signal },
      );
      stream.on('text', (delta) => emit({ type: 'text', turn, delta }));
      const message = await stream.finalMessage();
      const turnUsage = {
        inputTokens: message.usage.input_tokens,
        outputTokens: message.usage.output_tokens,
      };
      usage.inputTokens += turnUsage.inputTokens;
      usage.outputTokens += turnUsage.outputTokens;
      messages.push({ role: 'assistant', content: message.content });
      emit({ type: 'turn-end', turn, stopReason: message.stop_reason, usage: turnUsage });
      answer = continuing ? answer + textOf(message.content) : textOf(message.content);
      continuing = false;
      stopReason = message.stop_reason ?? 'end_turn';

      if (message.stop_reason === 'pause_turn' || message.stop_reason === 'tool_use') {
        if (turns >= cfg.maxTurns) {
          stopReason = 'max_turns';
          break;
        }
        if (message.stop_reason === 'tool_use') messages.push(await runToolTurn(message.content, turn));
        continue; // pause_turn: sending the conversation back as it is lets the model resume
      }
      if (message.stop_reason === 'max_tokens' && continuations < cfg.maxTokensContinuations) {
        const kept = message.content.filter((b) => b.type !== 'tool_use');
        if (kept.length > 0 && turns < cfg.maxTurns) {
          // A cut-off tool_use has partial input, and the API would demand a result for it: drop it.
          messages[messages.length - 1] = { role: 'assistant', content: kept };
          messages.push({ role: 'user', content: CONTINUE_PROMPT });
          continuations += 1;
          continuing = true;
          continue;
        }
      }
      break;
    }
    return result();
  } catch (err) {
    const mapped = toAgentError(err, {
      aborted: scope.signal.aborted,
      deadlineHit: scope.deadlineHit,
      deadlineMs: cfg.runDeadlineMs,
    });
    if (mapped instanceof AgentError) mapped.partial = result();
    throw mapped;
  }

  async function runToolTurn(
    content: Anthropic.ContentBlock[],
    turn: number,
  ): Promise<Anthropic.MessageParam> {
    const toolUses: ToolUse[] = content
      .filter((b) => b.type === 'tool_use')
      .map(({ id, name, input }) => ({ id, name, input }));
    emit({ type: 'tool-uses', turn, toolUses });
    const results = await executeTools(opts.executeTurn, toolUses, cfg.turnDeadlineMs, scope);
    const failed = failedTools(toolUses, results);
    emit({ type: 'tool-results', turn, results, failed: failed.length });
    const reply: Anthropic.ContentBlockParam[] = [...results];
    if (results.length > 0 && failed.length / results.length > cfg.failureRatio) {
      const text = failureSummary(failed, results.length);
      reply.push({ type: 'text', text }); // after every tool_result: the API requires results first
      emit({ type: 'reprompt', turn, failed, text });
    }
    return { role: 'user', content: reply };
  }
}

function textOf(content: Anthropic.ContentBlock[]): string {
  return content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}
