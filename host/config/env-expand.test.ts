import { describe, expect, it } from 'vitest';
import { expandEnv, MissingEnvVarError, NestedPlaceholderError } from './env-expand.js';

describe('expandEnv', () => {
  const env = { HOME: '/home/me', EMPTY: '' };

  it(`expands \${VAR} and \${VAR:-default}`, () => {
    expect(expandEnv(`\${HOME}/x`, env, 'f')).toBe('/home/me/x');
    expect(expandEnv(`\${NOPE:-fallback}`, env, 'f')).toBe('fallback');
    expect(expandEnv(`\${NOPE:-}`, env, 'f')).toBe('');
    expect(expandEnv(`\${EMPTY:-d}`, env, 'f')).toBe('');
    expect(expandEnv(`a \${HOME} b \${HOME}`, env, 'f')).toBe('a /home/me b /home/me');
    expect(expandEnv('$HOME stays', env, 'f')).toBe('$HOME stays');
  });

  it('names the variable and the field when a variable is missing', () => {
    expect(() => expandEnv(`\${API_KEY}`, env, 'mcpServers.s.env.KEY')).toThrow(MissingEnvVarError);
    expect(() => expandEnv(`\${API_KEY}`, env, 'mcpServers.s.env.KEY')).toThrow(
      /mcpServers\.s\.env\.KEY: environment variable \$\{API_KEY\} is not set/,
    );
  });

  it('refuses a placeholder inside a default instead of leaving it as literal text', () => {
    const nested = `\${A:-\${B}}`;
    expect(() => expandEnv(nested, { B: 'b' }, 'mcpServers.s.args[0]')).toThrow(NestedPlaceholderError);
    expect(() => expandEnv(nested, { A: 'a' }, 'mcpServers.s.args[0]')).toThrow(
      /mcpServers\.s\.args\[0\]: "\$\{A:-\$\{B\}\}": a default may not contain/,
    );
  });
});
