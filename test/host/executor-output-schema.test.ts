import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_FOR_META_KEY, FALLBACK_META_KEY } from '../../shared/mcp-meta.js';
import { createFakeHost, type TestHost, textOf } from './support/test-host.js';

let t: TestHost | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/**
 * A low-level SDK server (no server-side output check) whose `read` declares an output schema and then
 * breaks it: the SDK client throws an McpError with a caller-error code, though the request was fine.
 */
function brokenOutputServer() {
  const factory = () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const server = new Server({ name: 'broken', version: '1.0.0' }, { capabilities: { tools: {} } });
    const inputSchema = { type: 'object' as const };
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: [
        {
          name: 'read',
          inputSchema,
          outputSchema: { type: 'object', properties: { temp: { type: 'number' } }, required: ['temp'] },
          _meta: { [FALLBACK_META_KEY]: 'read_cached' },
        },
        { name: 'read_cached', inputSchema, _meta: { [BACKUP_FOR_META_KEY]: 'read' } },
      ],
    }));
    server.setRequestHandler(CallToolRequestSchema, async (request) =>
      request.params.name === 'read'
        ? { content: [{ type: 'text', text: 'n/a' }], structuredContent: { temp: 'n/a' } }
        : { content: [{ type: 'text', text: 'cached 21°C' }] },
    );
    void server.connect(serverSide);
    return clientSide;
  };
  return { factory };
}

describe('a result that breaks its own output schema', () => {
  it('is a tool failure that falls back, not a bad request from Claude', async () => {
    t = await createFakeHost({ broken: brokenOutputServer() });
    const { toolResult, record } = await t.host.callTool('read', {});
    expect(record.outcome).toBe('fallback-backup');
    expect(record.error).toContain('output schema');
    expect(textOf(toolResult)).toContain('cached 21°C');
    expect(textOf(toolResult)).not.toContain('Check the arguments');
  });
});
