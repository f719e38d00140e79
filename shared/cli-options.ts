import { InvalidArgumentError } from 'commander';

/** commander option parser for `--port`: an integer 0–65535 (0 = any free port). */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('expected a port number between 0 and 65535');
  }
  return port;
}
