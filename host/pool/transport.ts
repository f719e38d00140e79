import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Logger } from '../../shared/logger.js';
import type { ServerConfig } from '../config/mcp-config.js';

export type TransportFactory = () => Transport;

/**
 * Builds a fresh transport per (re)connect. A stdio child's stderr is piped into our logger at debug so
 * its logs do not clutter the user's terminal but are there with LOG_LEVEL=debug.
 */
export function transportFactoryFor(config: ServerConfig, logger: Logger): TransportFactory {
  if (config.transport === 'http') {
    return () =>
      new StreamableHTTPClientTransport(new URL(config.url), { requestInit: { headers: config.headers } });
  }
  return () => {
    const transport = new StdioClientTransport({
      command: config.command,
      args: config.args,
      env: config.env,
      cwd: config.cwd,
      stderr: 'pipe',
    });
    // With stderr: 'pipe' the SDK hands out a PassThrough (a Readable) before the child even starts.
    const stderr = transport.stderr as Readable | null;
    if (stderr) {
      createInterface({ input: stderr }).on('line', (line) => logger.debug({ stderr: line }));
    }
    return transport;
  };
}
