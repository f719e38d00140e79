import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Environment conventions every command of ours shares. An empty or blank variable counts as unset,
 * so `mcp.json`'s `"${VAR:-}"` pass-through never turns into an empty path or token.
 */
export function readEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** Where state lives: `$RESILIENT_MCP_STATE_DIR`, else `$XDG_STATE_HOME/resilient-mcp`, else `~/.local/state/resilient-mcp`. */
export function defaultStateDir(env: NodeJS.ProcessEnv): string {
  return (
    readEnv(env, 'RESILIENT_MCP_STATE_DIR') ??
    join(readEnv(env, 'XDG_STATE_HOME') ?? join(homedir(), '.local', 'state'), 'resilient-mcp')
  );
}

/** Shortest bearer token our HTTP endpoints accept (`server --http`, `serve`): a short one can be guessed. */
export const MIN_TOKEN_LENGTH = 16;

/** What is wrong with a bearer token, or undefined; never repeats the token (it is a secret). */
export function tokenProblem(token: string): string | undefined {
  return token.length < MIN_TOKEN_LENGTH
    ? `must be at least ${MIN_TOKEN_LENGTH} characters (got ${token.length}); use a random one, e.g. from \`openssl rand -hex 16\``
    : undefined;
}
