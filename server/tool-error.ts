import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ERROR_META_KEY, type ToolErrorKind, type ToolErrorMeta } from '../shared/mcp-meta.js';

/** A failure a tool reports as an `isError` result (never a crash or a protocol error). */
export class ToolError extends Error {
  readonly kind: ToolErrorKind;
  readonly retryable: boolean;
  readonly status: number | undefined;

  constructor(kind: ToolErrorKind, message: string, options: { retryable: boolean; status?: number }) {
    super(message);
    this.name = 'ToolError';
    this.kind = kind;
    this.retryable = options.retryable;
    this.status = options.status;
  }

  get meta(): ToolErrorMeta {
    return {
      kind: this.kind,
      retryable: this.retryable,
      ...(this.status === undefined ? {} : { status: this.status }),
    };
  }
}

/**
 * The `isError` result for a failure: says what failed and whether a retry could help (for the model),
 * and carries the same facts as `_meta["resilient-mcp/error"]` (for hosts).
 */
export function toolErrorResult(tool: string, error: ToolError, hint?: string): CallToolResult {
  const advice = error.retryable
    ? 'This is likely temporary: retrying later may help.'
    : 'Retrying the same call will not help.';
  return {
    isError: true,
    content: [
      { type: 'text', text: [`${tool} failed: ${error.message}`, advice, hint].filter(Boolean).join(' ') },
    ],
    _meta: { [ERROR_META_KEY]: error.meta },
  };
}
