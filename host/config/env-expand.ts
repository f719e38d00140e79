/**
 * `${VAR}` and `${VAR:-default}` expansion, as Claude Code does for `.mcp.json`. A missing variable
 * without a default is an error naming the place it was used, so a typo fails loudly at startup
 * instead of spawning a server with a literal `${TYPO}` in its arguments.
 */

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export class MissingEnvVarError extends Error {
  constructor(
    readonly variable: string,
    readonly where: string,
  ) {
    super(
      `${where}: environment variable \${${variable}} is not set and has no default (use \${${variable}:-default})`,
    );
    this.name = 'MissingEnvVarError';
  }
}

/** Expands every placeholder in `value`; `where` names the field for the error message. */
export function expandEnv(value: string, env: NodeJS.ProcessEnv, where: string): string {
  return value.replace(PLACEHOLDER, (_match, name: string, fallback: string | undefined) => {
    const set = env[name];
    if (set !== undefined) return set;
    if (fallback !== undefined) return fallback;
    throw new MissingEnvVarError(name, where);
  });
}
