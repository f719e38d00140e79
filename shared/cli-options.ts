import { InvalidArgumentError } from 'commander';

/** commander option parser for `--port`: an integer 0–65535 (0 = any free port). */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('expected a port number between 0 and 65535');
  }
  return port;
}

/** commander option parser for counts and milliseconds: a positive integer. */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
}

/**
 * Ends a command that cannot run (bad config file, bad environment) with its reason on stderr and
 * `exitCode` (default 1). Unlike commander's `command.error`, no usage help follows: the command line
 * itself was fine.
 */
export function exitWithError(message: string, exitCode = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(exitCode);
}

/**
 * Starts a command's local server; a listen failure (port in use, no permission) ends the command with
 * one line that says which address, instead of an unhandled error with a stack trace.
 */
export async function startOrExit<T>(command: string, where: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? 'the port is already in use' : (error as Error).message;
    return exitWithError(`${command}: cannot listen on ${where}: ${reason}`);
  }
}
