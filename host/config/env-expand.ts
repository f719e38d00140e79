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

/**
 * A placeholder inside a default (`${A:-${B}}`) is not expanded: the default ends at the first `}`, so
 * it would silently become the literal text `${B}`. Refused instead, naming the field.
 */
export class NestedPlaceholderError extends Error {
  constructor(
    readonly value: string,
    readonly where: string,
  ) {
    super(
      `${where}: ${JSON.stringify(value)}: a default may not contain \${…} (nested placeholders are not supported); use a literal default`,
    );
    this.name = 'NestedPlaceholderError';
  }
}

/** Expands every placeholder in `value`; `where` names the field for the error message. */
export function expandEnv(value: string, env: NodeJS.ProcessEnv, where: string): string {
  return value.replace(PLACEHOLDER, (_match, name: string, fallback: string | undefined) => {
    if (fallback?.includes('${')) throw new NestedPlaceholderError(value, where);
    const set = env[name];
    if (set !== undefined) return set;
    if (fallback !== undefined) return fallback;
    throw new MissingEnvVarError(name, where);
  });
}
