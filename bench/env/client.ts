import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { ServerEndpoint } from './server.js';

/** A plain MCP SDK client with default options: what the naive contenders and the SDK runner use. */
export async function connectClient(endpoint: ServerEndpoint, name: string): Promise<Client> {
  const client = new Client({ name, version: '0.0.0' });
  const transport =
    endpoint.kind === 'http'
      ? new StreamableHTTPClientTransport(new URL(endpoint.url))
      : new StdioClientTransport({
          command: endpoint.command,
          args: endpoint.args,
          env: { ...(process.env as Record<string, string>), ...endpoint.env },
          stderr: 'ignore',
        });
  await client.connect(transport);
  return client;
}
