import { setTimeout as sleep } from 'node:timers/promises';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { ERROR_META_KEY, type ToolErrorKind } from '../../../shared/mcp-meta.js';

export type Behaviour = (args: Record<string, unknown>, signal: AbortSignal) => Promise<CallToolResult>;

export interface FakeToolSpec {
  name: string;
  annotations?: ToolAnnotations;
  meta?: Record<string, unknown>;
  /** Arguments the SDK server validates before the behaviour runs; default: any object. */
  inputSchema?: z.ZodObject;
  behaviour: Behaviour;
}

/**
 * A real SDK `McpServer` over an in-memory transport, with scripted tool behaviours. It lets the
 * executor's invariants be tested through the real MCP client (cancellation, errors, list_changed)
 * without processes or timing-sensitive upstreams.
 */
export class FakeMcpServer {
  readonly calls = new Map<string, number>();
  cancelled = 0;
  active = 0;
  maxActive = 0;
  private current: { server: McpServer; transport: InMemoryTransport } | undefined;
  private readonly tools: FakeToolSpec[];

  constructor(tools: FakeToolSpec[]) {
    this.tools = [...tools];
  }

  callsOf(name: string): number {
    return this.calls.get(name) ?? 0;
  }

  /** The transport factory to hand to the host (one fresh server per connect, like a respawn). */
  readonly factory = (): Transport => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const server = new McpServer(
      { name: 'fake', version: '1.0.0' },
      { capabilities: { tools: { listChanged: true } } },
    );
    for (const tool of this.tools) this.register(server, tool);
    void server.connect(serverSide);
    this.current = { server, transport: serverSide };
    return clientSide;
  };

  /** Adds a tool to the live server (sends `tools/list_changed`). */
  addTool(tool: FakeToolSpec): void {
    this.tools.push(tool);
    if (this.current) this.register(this.current.server, tool);
  }

  /** Simulates the server process dying: the connection closes under the client. */
  async crash(): Promise<void> {
    await this.current?.transport.close();
  }

  private register(server: McpServer, tool: FakeToolSpec): void {
    server.registerTool(
      tool.name,
      {
        description: `fake ${tool.name}`,
        inputSchema: tool.inputSchema ?? z.looseObject({}),
        ...(tool.annotations ? { annotations: tool.annotations } : {}),
        ...(tool.meta ? { _meta: tool.meta } : {}),
      },
      async (args: Record<string, unknown>, extra) => {
        this.calls.set(tool.name, this.callsOf(tool.name) + 1);
        this.active++;
        this.maxActive = Math.max(this.maxActive, this.active);
        const onAbort = () => this.cancelled++;
        extra.signal.addEventListener('abort', onAbort, { once: true });
        try {
          return await tool.behaviour(args, extra.signal);
        } finally {
          this.active--;
          extra.signal.removeEventListener('abort', onAbort);
        }
      },
    );
  }
}

export const ok =
  (text: string): Behaviour =>
  async () => ({ content: [{ type: 'text', text }] });

export const echo: Behaviour = async (args) => ({ content: [{ type: 'text', text: JSON.stringify(args) }] });

/** Answers after `ms` unless cancelled first. */
export const slow =
  (ms: number, text = 'slow result'): Behaviour =>
  async (_args, signal) => {
    await sleep(ms, undefined, { signal }).catch(() => undefined);
    return { content: [{ type: 'text', text }] };
  };

/** Never answers; resolves only when the client cancels (so the server records the cancellation). */
export const hang: Behaviour = (_args, signal) =>
  new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve({ content: [{ type: 'text', text: 'cancelled' }] }), {
      once: true,
    }),
  );

export function toolError(
  kind: ToolErrorKind,
  retryable: boolean,
  text = `upstream ${kind}`,
): CallToolResult {
  return {
    isError: true,
    content: [{ type: 'text', text }],
    _meta: { [ERROR_META_KEY]: { kind, retryable } },
  };
}

/** Fails the first `n` calls with a retryable upstream error, then behaves like `then`. */
export function failFirst(n: number, then: Behaviour): Behaviour {
  let left = n;
  return async (args, signal) => {
    if (left > 0) {
      left--;
      return toolError('upstream_status', true, 'upstream returned 500');
    }
    return then(args, signal);
  };
}

export const READ_ONLY: ToolAnnotations = { readOnlyHint: true };
