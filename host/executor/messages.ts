import { firstSentence } from '../../shared/text.js';
import type { Failure } from '../policy/classify.js';

/** Texts Claude reads when a call did not go to plan: what failed, why, and what it may do next. */

function advice(failure: Failure, breakerCoolDownMs: number): string {
  switch (failure.kind) {
    case 'circuit-open':
      return `The tool has failed repeatedly and is paused for about ${Math.ceil(breakerCoolDownMs / 1000)} s (circuit breaker open). Do not call it again now: use another tool, or tell the user this data is temporarily unavailable.`;
    case 'cancelled':
      return 'The call was cancelled before it finished. Only retry if the user still needs this.';
    case 'invalid':
      return "The server rejected the request. Check the arguments against the tool's input schema before trying again.";
    case 'rejected':
      return 'The tool server is busy with other calls right now. This is temporary: you may retry once later, use another tool, or tell the user.';
    case 'unavailable':
      return 'The tool server is down and being restarted. You may retry once later in the conversation, use another tool, or tell the user.';
    default:
      return failure.retryable
        ? 'This looks temporary: you may retry once later, use another tool, or tell the user the data is unavailable right now.'
        : 'Retrying the same call is unlikely to help: use another tool, ask the user, or explain that the data is unavailable.';
  }
}

/** The names a tool goes by: our server starts its error texts with `<mcp tool name> failed: `. */
export interface ToolNames {
  /** The catalog name Claude uses. */
  tool: string;
  /** The tool's name on its server. */
  mcpTool: string;
}

/**
 * The gist of a failure for one line of text: its first sentence, without the `X failed: ` our server
 * puts in front and without a closing period. The rest of a server's text is advice (retry or not, use
 * the backup) that the host has already acted on, so repeating it would only mislead.
 */
export function failureGist(failure: Failure, names: ToolNames): string {
  const prefix = [names.mcpTool, names.tool]
    .map((name) => `${name} failed: `)
    .find((p) => failure.message.startsWith(p));
  const message = prefix ? failure.message.slice(prefix.length) : failure.message;
  return firstSentence(message).replace(/\.$/, '');
}

export function errorText(
  opts: ToolNames & {
    failure: Failure;
    attempts: number;
    breakerCoolDownMs: number;
    triedFallback: boolean;
  },
): string {
  const tries = opts.attempts > 1 ? ` after ${opts.attempts} attempts` : '';
  const gist = failureGist(opts.failure, opts);
  const stop = /[.!?…]$/.test(gist) ? '' : '.';
  const fallback = opts.triedFallback ? ' No backup or cached result is available.' : '';
  return `Tool ${opts.tool} failed${tries}: ${gist}${stop}${fallback} ${advice(opts.failure, opts.breakerCoolDownMs)}`;
}

export function fallbackNote(
  opts: ToolNames & {
    failure: Failure;
    source: string;
    ageSeconds: number | undefined;
  },
): string {
  const age = opts.ageSeconds === undefined ? 'of unknown age' : `${opts.ageSeconds} s old`;
  const reason = failureGist(opts.failure, opts);
  return `[resilient-mcp fallback: ${opts.tool} failed (${reason}); this result comes from ${opts.source} and is ${age}. Say that it may be out of date.]`;
}

export function unknownToolText(name: string, available: string[]): string {
  return `Unknown tool "${name}". Available tools: ${available.join(', ') || '(none)'}.`;
}
