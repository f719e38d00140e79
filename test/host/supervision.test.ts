import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServerState } from '../../host/index.js';
import { FakeMcpServer, hang, ok, READ_ONLY } from './support/fake-mcp-server.js';
import { createFakeHost, type TestHost, textOf } from './support/test-host.js';

let t: TestHost | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('supervision', () => {
  it('fails pending calls fast when the connection dies, reconnects, and serves the next turn', async () => {
    const fake = new FakeMcpServer([
      { name: 'stuck', behaviour: hang },
      { name: 'fine', behaviour: ok('fine') },
    ]);
    t = await createFakeHost(
      { fake },
      { defaults: { timeoutMs: 20_000 }, servers: { fake: { restart: { baseDelayMs: 10 } } } },
    );
    const states: ServerState[] = [];
    t.host.events.on('server-state', (e) => states.push(e.state));
    const started = Date.now();
    const turn = t.host.executeTurn([{ id: 'u', name: 'stuck', input: {} }]);
    await vi.waitFor(() => expect(fake.active).toBe(1));
    await fake.crash();
    const [result] = await turn;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result?.is_error).toBe(true);
    expect(textOf(result ?? {})).toContain('connection to server "fake" lost');
    await vi.waitFor(() => expect(t?.host.isReady()).toBe(true));
    expect(states).toEqual(['restarting', 'connected']);
    const [next] = await t.host.executeTurn([{ id: 'v', name: 'fine', input: {} }]);
    expect(textOf(next ?? {})).toBe('fine');
  });

  it('retries an idempotent call across a reconnect', async () => {
    let crashed = false;
    const fake: FakeMcpServer = new FakeMcpServer([
      {
        name: 'read',
        annotations: READ_ONLY,
        behaviour: async (args, signal) => {
          if (!crashed) {
            crashed = true;
            setTimeout(() => void fake.crash(), 10);
            return hang(args, signal);
          }
          return { content: [{ type: 'text', text: 'after restart' }] };
        },
      },
    ]);
    t = await createFakeHost(
      { fake },
      {
        servers: { fake: { trustAnnotations: true, restart: { baseDelayMs: 10 } } },
        defaults: { retry: { baseDelayMs: 10 } },
      },
    );
    const { toolResult, record } = await t.host.callTool('read', {});
    expect(textOf(toolResult)).toBe('after restart');
    expect(record).toMatchObject({ outcome: 'retried-ok', attempts: 2 });
  });

  it('refreshes the catalog on tools/list_changed', async () => {
    const fake = new FakeMcpServer([{ name: 'a', behaviour: ok('a') }]);
    t = await createFakeHost({ fake });
    fake.addTool({ name: 'b', behaviour: ok('b') });
    await vi.waitFor(() => expect(t?.host.anthropicTools().map((x) => x.name)).toEqual(['a', 'b']));
    expect(textOf((await t.host.callTool('b', {})).toolResult)).toBe('b');
  });

  it('namespaces tool names that collide across servers', async () => {
    const one = new FakeMcpServer([
      { name: 'search', behaviour: ok('one') },
      { name: 'only_one', behaviour: ok('x') },
    ]);
    const two = new FakeMcpServer([{ name: 'search', behaviour: ok('two') }]);
    t = await createFakeHost({ one, two });
    expect(t.host.anthropicTools().map((x) => x.name)).toEqual(['one__search', 'only_one', 'two__search']);
    const results = await t.host.executeTurn([
      { id: '1', name: 'one__search', input: {} },
      { id: '2', name: 'two__search', input: {} },
    ]);
    expect(results.map((r) => textOf(r))).toEqual(['one', 'two']);
  });
});
