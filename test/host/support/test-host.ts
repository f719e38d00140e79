import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHost, type Host, type PolicyConfigInput } from '../../../host/index.js';
import { createLogger } from '../../../shared/logger.js';
import type { FakeMcpServer } from './fake-mcp-server.js';

export interface TestHost {
  host: Host;
  dir: string;
  close(): Promise<void>;
}

/**
 * A host whose servers are in-memory fakes (mcp.json names them; transports are swapped in). Anything
 * with a transport `factory` will do: a `FakeMcpServer`, or a hand-built SDK server.
 */
export async function createFakeHost(
  servers: Record<string, Pick<FakeMcpServer, 'factory'>>,
  policy: PolicyConfigInput = {},
): Promise<TestHost> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'resilient-mcp-host-'));
  const mcpConfigPath = path.join(dir, 'mcp.json');
  const mcpServers = Object.fromEntries(Object.keys(servers).map((name) => [name, { command: 'unused' }]));
  await writeFile(mcpConfigPath, JSON.stringify({ mcpServers }));
  const transports = Object.fromEntries(Object.entries(servers).map(([name, fake]) => [name, fake.factory]));
  const host = await createHost(
    { mcpConfigPath, policy, logger: createLogger('test-host', process.env.LOG_LEVEL ?? 'silent') },
    { transports },
  );
  return {
    host,
    dir,
    async close() {
      await host.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function textOf(result: { content?: unknown }): string {
  const content = result.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((b): b is { type: 'text'; text: string } => b?.type === 'text')
    .map((b) => b.text)
    .join('\n');
}
