import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * Every process of ours logs JSON lines to stderr (fd 2): stdout belongs to the MCP stdio stream
 * (server) or to the user's answer (CLI). Level from LOG_LEVEL, default `info`.
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, base: { name } }, pino.destination({ fd: 2, sync: true }));
}
