import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ServerEndpoint } from './server.js';

export const BENCH_SERVER_NAME = 'resilient-mcp';

export interface TempMcpConfig {
  path: string;
  remove(): Promise<void>;
}

/** Writes the temp mcp.json our host is created from, pointing at the same server the others use. */
export async function writeMcpConfig(endpoint: ServerEndpoint): Promise<TempMcpConfig> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'resilient-mcp-bench-host-'));
  const server =
    endpoint.kind === 'http'
      ? { type: 'http', url: endpoint.url }
      : { command: endpoint.command, args: endpoint.args, env: endpoint.env };
  const file = path.join(dir, 'mcp.json');
  await writeFile(file, `${JSON.stringify({ mcpServers: { [BENCH_SERVER_NAME]: server } }, null, 2)}\n`);
  return { path: file, remove: () => rm(dir, { recursive: true, force: true }) };
}
