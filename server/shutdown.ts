import type { Logger } from '../shared/logger.js';

/** Longest a clean shutdown may take before the process exits anyway. */
const FORCE_EXIT_MS = 5000;

/**
 * Runs `cleanup` once on SIGINT, SIGTERM or a call of the returned function (e.g. stdin EOF), then exits 0.
 * A cleanup that hangs or fails still ends the process (exit 1).
 */
export function handleShutdown(log: Logger, cleanup: () => Promise<void>): (reason: string) => void {
  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, FORCE_EXIT_MS).unref();
    cleanup().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return stop;
}
