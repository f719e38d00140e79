import { afterEach, describe, expect, it } from 'vitest';
import { FakeMcpServer, hang, ok, READ_ONLY } from './support/fake-mcp-server.js';
import { createFakeHost, type TestHost, textOf } from './support/test-host.js';

let t: TestHost | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('smoke', () => {
  it('runs a turn end to end', async () => {
    const fake = new FakeMcpServer([
      { name: 'a', annotations: READ_ONLY, behaviour: ok('A') },
      { name: 'b', behaviour: hang },
    ]);
    t = await createFakeHost({ fake }, { defaults: { timeoutMs: 300 } });
    expect(t.host.isReady()).toBe(true);
    expect(t.host.anthropicTools().map((x) => x.name)).toEqual(['a', 'b']);
    const results = await t.host.executeTurn([
      { id: '1', name: 'a', input: {} },
      { id: '2', name: 'b', input: {} },
      { id: '3', name: 'nope', input: {} },
    ]);
    expect(results.map((r) => r.tool_use_id)).toEqual(['1', '2', '3']);
    expect(textOf(results[0] ?? {})).toBe('A');
    expect(results[1]?.is_error).toBe(true);
    expect(results[2]?.is_error).toBe(true);
  });
});
