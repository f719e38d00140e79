import { describe, expect, it } from 'vitest';
import { namespacedToolName, TOOL_NAME_PATTERN, toToolName } from './naming.js';

describe('tool names', () => {
  it('keeps valid names and replaces invalid characters', () => {
    expect(toToolName('get_weather')).toBe('get_weather');
    expect(toToolName('read file/v2')).toBe('read_file_v2');
    expect(namespacedToolName('my server', 'search')).toBe('my_server__search');
  });

  it('stays within 128 characters and unique when truncating', () => {
    const a = toToolName('x'.repeat(200));
    const b = toToolName(`${'x'.repeat(199)}y`);
    expect(a).toMatch(TOOL_NAME_PATTERN);
    expect(a.length).toBe(128);
    expect(a).not.toBe(b);
  });
});
