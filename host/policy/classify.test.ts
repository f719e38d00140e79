import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { ERROR_META_KEY } from '../../shared/mcp-meta.js';
import { ConnectionLostError, HttpStatusError, ServerUnavailableError } from '../pool/errors.js';
import { classifyError, classifyResult } from './classify.js';
import { AttemptTimeoutError, CallCancelledError, DeadlineExceededError } from './errors.js';

describe('classifyError', () => {
  it.each([
    [new AttemptTimeoutError(100), 'timeout', true, true, true],
    [new DeadlineExceededError(), 'deadline', false, false, true],
    [new McpError(ErrorCode.RequestTimeout, 'Request timed out'), 'timeout', true, true, true],
    [new ConnectionLostError('s', 'closed'), 'connection', true, true, true],
    [new McpError(ErrorCode.ConnectionClosed, 'Connection closed'), 'connection', true, true, true],
    [new HttpStatusError('s', 503), 'connection', true, true, true],
    [new HttpStatusError('s', 400), 'connection', false, true, true],
    [new ServerUnavailableError('s', 'down'), 'unavailable', false, false, true],
    [new BrokenCircuitError(), 'circuit-open', false, false, true],
    [new BulkheadRejectedError(1, 1), 'rejected', false, false, true],
    [new CallCancelledError(), 'cancelled', false, false, true],
    [new TaskCancelledError(), 'cancelled', false, false, true],
    [new McpError(ErrorCode.InvalidParams, 'bad'), 'invalid', false, false, false],
    [
      new McpError(ErrorCode.InvalidParams, "Structured content does not match the tool's output schema: x"),
      'tool-error',
      false,
      true,
      true,
    ],
    [
      new McpError(
        ErrorCode.InvalidRequest,
        'Tool t has an output schema but did not return structured content',
      ),
      'tool-error',
      false,
      true,
      true,
    ],
    [new Error('boom'), 'error', false, true, true],
  ])('%s → %s', (error, kind, retryable, counts, fallback) => {
    expect(classifyError(error)).toMatchObject({ kind, retryable, countsForBreaker: counts, fallback });
  });
});

describe('classifyResult', () => {
  const withMeta = (kind: string, retryable: boolean) => ({
    isError: true,
    content: [{ type: 'text' as const, text: `failed: ${kind}` }],
    _meta: { [ERROR_META_KEY]: { kind, retryable } },
  });

  it('is no failure for success and for answers such as "not found"', () => {
    expect(classifyResult({ content: [] })).toBeUndefined();
    expect(classifyResult(withMeta('not_found', false))).toBeUndefined();
    expect(classifyResult(withMeta('invalid_arguments', false))).toBeUndefined();
  });

  it('follows our retryable flag and counts toward the breaker', () => {
    expect(classifyResult(withMeta('upstream_status', true))).toMatchObject({
      kind: 'tool-error',
      retryable: true,
      countsForBreaker: true,
      message: 'failed: upstream_status',
    });
    expect(classifyResult(withMeta('upstream_status', false))?.retryable).toBe(false);
  });

  it('treats a third-party isError without _meta as a non-retryable failure', () => {
    expect(classifyResult({ isError: true, content: [{ type: 'text', text: 'nope' }] })).toMatchObject({
      retryable: false,
      countsForBreaker: true,
      fallback: true,
    });
  });
});

describe('classifyResult of SDK servers', () => {
  const sdkError = (text: string) => ({ isError: true, content: [{ type: 'text' as const, text }] });

  it("is no failure for the SDK's input-validation answer (the request was wrong)", () => {
    const text = 'MCP error -32602: Input validation error: Invalid arguments for tool read: [...]';
    expect(classifyResult(sdkError(text))).toBeUndefined();
  });

  it('is a failure for an output-validation error (the tool is broken)', () => {
    const text = 'MCP error -32602: Output validation error: Invalid structured content for tool read';
    expect(classifyResult(sdkError(text))).toMatchObject({ kind: 'tool-error', fallback: true });
  });
});
