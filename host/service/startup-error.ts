import { AgentConfigError } from '../agent/config.js';
import { EXIT } from '../cli/exit-codes.js';
import { ConfigError } from '../config/load-json.js';

export interface StartupFailure {
  /** One line for stderr. */
  message: string;
  exitCode: number;
  /** A mistake the user fixes from the message alone; anything else also goes to the log with its stack. */
  expected: boolean;
}

/** Why `serve` could not start, as the one line and exit code the user gets (0 ok, 1 failure, 2 bad config). */
export function describeStartupError(err: unknown, listen: { host: string; port: number }): StartupFailure {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof ConfigError || err instanceof AgentConfigError) {
    return { message, exitCode: EXIT.usage, expected: true };
  }
  const address = `${listen.host}:${listen.port}`;
  switch ((err as NodeJS.ErrnoException | undefined)?.code) {
    case 'EADDRINUSE':
      return {
        message: `cannot listen on ${address}: address already in use (EADDRINUSE); stop the other process or pick another --port`,
        exitCode: EXIT.failed,
        expected: true,
      };
    case 'EACCES':
      return {
        message: `cannot listen on ${address}: permission denied (EACCES); ports below 1024 need privileges`,
        exitCode: EXIT.failed,
        expected: true,
      };
    case 'EADDRNOTAVAIL':
      return {
        message: `cannot listen on ${address}: --host ${listen.host} is not an address of this machine (EADDRNOTAVAIL)`,
        exitCode: EXIT.usage,
        expected: true,
      };
    default:
      return { message, exitCode: EXIT.failed, expected: false };
  }
}
