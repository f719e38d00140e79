import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * Every process of ours logs JSON lines to stderr (fd 2): stdout belongs to the MCP stdio stream
 * (server) or to the user's answer (CLI). Level from LOG_LEVEL, default `info`.
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level: validLevel(level), base: { name } }, pino.destination({ fd: 2, sync: true }));
}

let warnedLevel: string | undefined;

/** A mistyped LOG_LEVEL must not crash a server at start: warn once and log at `info`. */
function validLevel(level: string): string {
  const normalized = level.trim().toLowerCase();
  if (normalized in pino.levels.values || normalized === 'silent') return normalized;
  if (warnedLevel !== level) {
    warnedLevel = level;
    const known = [...Object.keys(pino.levels.values), 'silent'].join(', ');
    process.stderr.write(`warning: LOG_LEVEL="${level}" is not one of ${known}; logging at info\n`);
  }
  return 'info';
}
