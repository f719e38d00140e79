import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { ServerConfig } from '../config.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';

/** What a tool handler gets for one call. */
export interface ToolContext {
  config: ServerConfig;
  /** Upstream HTTP bound to this call's signal (client cancellation + upstream timeout). */
  upstream: UpstreamClient;
  signal: AbortSignal;
}

/**
 * One tool, as its module declares it: name, MCP config, handler and text rendering. Handlers return the
 * structured result or throw a `ToolError`; the registration wrapper turns both into MCP results.
 */
export interface ToolDefinition<
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
> {
  name: string;
  config: {
    title: string;
    /** Written for a model: what it does, when to use it, what comes back. */
    description: string;
    inputSchema: Input;
    outputSchema: Output;
    annotations: ToolAnnotations;
  };
  handler(args: z.output<Input>, context: ToolContext): Promise<z.output<Output>>;
  /** The text rendering of a result (the `content` next to `structuredContent`). */
  toText(output: z.output<Output>): string;
}

/** Identity helper that infers a definition's schema types. */
export const defineTool = <Input extends z.ZodObject, Output extends z.ZodObject>(
  definition: ToolDefinition<Input, Output>,
): ToolDefinition<Input, Output> => definition;

/** Every upstream tool reads remote data without side effects; the same call can be repeated safely. */
export const UPSTREAM_TOOL_ANNOTATIONS = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
} as const satisfies ToolAnnotations;
