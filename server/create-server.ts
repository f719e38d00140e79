import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { FALLBACK_META_KEY } from '../shared/mcp-meta.js';
import { cachedToolName, cachedVariant } from './tools/cached-variant.js';
import { TOOL_DEFINITIONS } from './tools/index.js';
import { runUpstreamTool, type ToolDeps } from './tools/run-tool.js';
import { SERVER_VERSION } from './version.js';

const INSTRUCTIONS =
  'Tools that call live services (weather, currency, stocks, Wikipedia). Each tool X has a backup X_cached ' +
  'that returns the last good result X gave for the same arguments, with its age: use it only when X fails, ' +
  'and say how old the answer is.';

/**
 * A ready-to-connect MCP server with every tool and its `X_cached` twin. One per connection (stdio has
 * one; HTTP makes one per session); they share the config and the last-good store.
 */
export function createMcpServer(deps: ToolDeps): McpServer {
  const server = new McpServer(
    { name: 'resilient-mcp', title: 'resilient-mcp tools', version: SERVER_VERSION },
    { instructions: INSTRUCTIONS },
  );
  for (const definition of TOOL_DEFINITIONS) {
    server.registerTool(
      definition.name,
      { ...definition.config, _meta: { [FALLBACK_META_KEY]: cachedToolName(definition.name) } },
      (args: unknown, extra) => runUpstreamTool(definition, args, extra.signal, deps),
    );
    const cached = cachedVariant(definition, deps.store);
    server.registerTool(cached.name, cached.config, (args: unknown) => cached.handler(args));
  }
  return server;
}
