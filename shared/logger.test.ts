import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger.js';

describe('createLogger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('uses a valid level as given, in any case', () => {
    expect(createLogger('t', 'DEBUG').level).toBe('debug');
    expect(createLogger('t', 'silent').level).toBe('silent');
  });

  it('falls back to info with one warning for an unknown level, instead of throwing', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(createLogger('t', 'loud').level).toBe('info');
    expect(createLogger('u', 'loud').level).toBe('info');
    const warnings = write.mock.calls.map(([text]) => String(text)).filter((t) => t.includes('LOG_LEVEL'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"loud"');
  });
});
