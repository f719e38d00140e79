import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../../shared/logger.js';
import type { ServerConfig } from '../config.js';
import type { LastGoodStore } from '../store/last-good-store.js';
import { ToolError, toolErrorResult } from '../tool-error.js';
import { createUpstreamClient } from '../upstream/upstream-client.js';
import { cachedToolName } from './cached-variant.js';
import type { ToolDefinition } from './definition.js';

export interface ToolDeps {
  config: ServerConfig;
  store: LastGoodStore;
  log: Logger;
}

/** Names the failure of a call whose signal fired: the client cancelled, or the upstream timeout hit. */
function abortError(clientSignal: AbortSignal, timeoutMs: number): ToolError {
  return clientSignal.aborted
    ? new ToolError('cancelled', 'the call was cancelled by the client.', { retryable: false })
    : new ToolError('upstream_timeout', `the upstream service did not answer within ${timeoutMs} ms.`, {
        retryable: true,
      });
}

/**
 * Runs one call of an upstream tool: one signal for the whole call (client cancellation ∧ upstream
 * timeout), records a good result in the last-good store, and turns every failure into an `isError`
 * result with `_meta["resilient-mcp/error"]`.
 */
export async function runUpstreamTool(
  definition: ToolDefinition,
  args: unknown,
  clientSignal: AbortSignal,
  { config, store, log }: ToolDeps,
): Promise<CallToolResult> {
  const started = Date.now();
  const deadline = AbortSignal.timeout(config.upstreamTimeoutMs);
  const signal = AbortSignal.any([clientSignal, deadline]);
  try {
    const output = await definition.handler(args as never, {
      config,
      signal,
      upstream: createUpstreamClient(config, signal, log),
    });
    store.set(definition.name, args, output);
    log.debug({ tool: definition.name, ms: Date.now() - started }, 'tool call ok');
    return { content: [{ type: 'text', text: definition.toText(output) }], structuredContent: output };
  } catch (thrown) {
    const error =
      thrown instanceof ToolError
        ? thrown
        : signal.aborted
          ? abortError(clientSignal, config.upstreamTimeoutMs)
          : new ToolError('internal', `unexpected error: ${(thrown as Error).message}`, { retryable: false });
    if (error.kind === 'internal') log.error({ tool: definition.name, err: thrown }, 'tool call crashed');
    else log.info({ tool: definition.name, ms: Date.now() - started, error: error.meta }, 'tool call failed');
    const hint = error.retryable
      ? `${cachedToolName(definition.name)} can return the last good result for these arguments.`
      : undefined;
    return toolErrorResult(definition.name, error, hint);
  }
}
