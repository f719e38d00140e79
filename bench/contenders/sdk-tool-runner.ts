import Anthropic from '@anthropic-ai/sdk';
import { type MCPClientLike, mcpTools } from '@anthropic-ai/sdk/helpers/beta/mcp';
import type { BetaToolResultBlockParam } from '@anthropic-ai/sdk/resources/beta';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { TurnContender } from './types.js';

/**
 * Contender 3: the Anthropic SDK's own tool-running path — `mcpTools()` wrapped around the MCP client, run
 * by `client.beta.messages.toolRunner`. Only its tool-execution step is measured: the runner is handed a
 * history that ends with the assistant's tool_use blocks and asked for `generateToolResponse()`, which is
 * exactly what its loop does after each model reply (Promise.all over the tools, results in order). No
 * request is sent, so the model's latency (the same for every contender) stays out of the figures.
 */
export async function sdkToolRunnerContender(client: Client): Promise<TurnContender> {
  // Never contacted: generateToolResponse() runs the tools locally. A closed port makes any slip loud.
  const anthropic = new Anthropic({ apiKey: 'bench-offline', baseURL: 'http://127.0.0.1:9' });
  const { tools } = await client.listTools();
  // The MCP client's callTool result type is wider than the helper's structural one (it also allows the
  // legacy `toolResult` shape), so TypeScript needs the same one-line adapter a user would write.
  const mcpClient: MCPClientLike = {
    callTool: (params) => client.callTool(params) as ReturnType<MCPClientLike['callTool']>,
  };
  const runnable = mcpTools(tools, mcpClient);
  return {
    name: 'sdk-tool-runner',
    async runTurn(toolUses) {
      const runner = anthropic.beta.messages.toolRunner({
        model: 'claude-sonnet-5-5',
        max_tokens: 1024,
        thread: false,
        tools: runnable,
        messages: [
          { role: 'user', content: 'benchmark turn' },
          {
            role: 'assistant',
            content: toolUses.map((use) => ({
              type: 'tool_use',
              id: use.id,
              name: use.name,
              input: use.input,
            })),
          },
        ],
      });
      const reply = await runner.generateToolResponse();
      const blocks = (reply?.content ?? []) as BetaToolResultBlockParam[];
      return { total: toolUses.length, usable: blocks.filter((b) => b.is_error !== true).length };
    },
  };
}
