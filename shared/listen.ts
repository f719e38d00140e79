import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A host as URLs and `Host` headers carry it: IPv6 literals in brackets. */
export const urlHostname = (host: string): string =>
  host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;

/**
 * Starts `server` listening and resolves with the port it bound (port 0 = any free one); a listen error
 * such as EADDRINUSE rejects instead of surfacing as an unhandled 'error' event.
 */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
