import { createLogger, type Logger } from './logger.js';

/** How long a clean shutdown may take, by default, before the process exits anyway. */
export const DEFAULT_FORCE_EXIT_MS = 5000;

export interface ShutdownOptions {
  /** Where shutdown progress and failures are logged (default: a `shutdown` logger on stderr). */
  log?: Logger;
  /** Longest `close` may take before the process exits 1 anyway (default {@link DEFAULT_FORCE_EXIT_MS}). */
  forceExitMs?: number;
}

/**
 * Keeps a command's process running until SIGINT or SIGTERM, or a call of the returned `stop(reason)`
 * (e.g. on stdin EOF), then runs `close` once and exits 0.
 *
 * Exits 1 instead when `close` fails, when it has not finished after `forceExitMs` (a hung step must not
 * keep the process, and the children it owns, alive forever), or at once on a second signal (the user
 * pressing Ctrl-C again does not want to wait). A later `stop` call is ignored, and so is the first
 * signal after a `stop` call: a client that closes stdin and then sends SIGTERM still gets a full close.
 */
export function closeOnSignals(
  close: () => Promise<void>,
  options: ShutdownOptions = {},
): (reason: string) => void {
  const { forceExitMs = DEFAULT_FORCE_EXIT_MS, log = createLogger('shutdown') } = options;
  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'shutting down');
    setTimeout(() => {
      log.error({ forceExitMs }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, forceExitMs).unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) {
      log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stop(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return stop;
}
