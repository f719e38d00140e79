import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { closeOnSignals } from '../shared/shutdown.js';
import { createMcpServer } from './create-server.js';
import type { ToolDeps } from './tools/run-tool.js';

/**
 * Serves MCP over stdin/stdout. stdout carries nothing but MCP messages (logs go to stderr). Ends cleanly
 * on stdin EOF (the client went away), SIGINT or SIGTERM, flushing the last-good snapshot first.
 */
export async function runStdio(deps: ToolDeps): Promise<void> {
  const server = createMcpServer(deps);
  const stop = closeOnSignals(
    async () => {
      await server.close(); // aborts calls still running, so their upstream requests stop too
      await deps.store.flush();
    },
    { log: deps.log },
  );
  process.stdin.once('end', () => stop('stdin closed'));
  process.stdout.once('error', () => stop('stdout closed')); // EPIPE: the client is gone
  await server.connect(new StdioServerTransport());
  deps.log.info({ tools: 'stdio' }, 'resilient-mcp server ready on stdio');
}
