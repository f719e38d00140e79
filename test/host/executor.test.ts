import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallRecord } from '../../host/index.js';
import {
  type Behaviour,
  echo,
  FakeMcpServer,
  failFirst,
  hang,
  ok,
  READ_ONLY,
  slow,
} from './support/fake-mcp-server.js';
import { createFakeHost, type TestHost, textOf } from './support/test-host.js';

let t: TestHost | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function recordsOf(host: TestHost['host']): CallRecord[] {
  const records: CallRecord[] = [];
  host.events.on('call-end', (r) => records.push(r));
  return records;
}

describe('executeTurn: one result per tool_use, in order (invariant 1)', () => {
  it('answers every id once, in order, whatever each call does', async () => {
    const fake = new FakeMcpServer([
      { name: 'fine', behaviour: ok('fine') },
      { name: 'stuck', behaviour: hang },
      {
        name: 'broken',
        behaviour: async () => {
          throw new Error('handler exploded');
        },
      },
    ]);
    t = await createFakeHost({ fake }, { defaults: { timeoutMs: 200 } });
    const records = recordsOf(t.host);
    const uses = [
      { id: 'u1', name: 'stuck', input: {} },
      { id: 'u2', name: 'fine', input: {} },
      { id: 'u3', name: 'missing_tool', input: {} },
      { id: 'u4', name: 'broken', input: {} },
      { id: 'u5', name: 'fine', input: 'not an object' },
    ];
    const results = await t.host.executeTurn(uses);
    expect(results.map((r) => r.tool_use_id)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    expect(results.map((r) => r.is_error === true)).toEqual([true, false, true, true, true]);
    expect(textOf(results[2] ?? {})).toContain('Available tools: fine, stuck, broken');
    expect(records.map((r) => r.toolUseId).sort()).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    expect(records.find((r) => r.toolUseId === 'u1')?.outcome).toBe('timeout');
  });

  it('returns an empty list for an empty turn', async () => {
    t = await createFakeHost({ fake: new FakeMcpServer([{ name: 'a', behaviour: ok('a') }]) });
    expect(await t.host.executeTurn([])).toEqual([]);
  });
});

describe('parallelism and limits (invariant 2)', () => {
  it('starts all calls at once', async () => {
    const fake = new FakeMcpServer([{ name: 'work', behaviour: slow(150) }]);
    t = await createFakeHost({ fake });
    await t.host.executeTurn([1, 2, 3, 4].map((i) => ({ id: `u${i}`, name: 'work', input: { i } })));
    expect(fake.maxActive).toBe(4);
  });

  it('holds a server to its concurrency limit, queueing the rest', async () => {
    const fake = new FakeMcpServer([{ name: 'work', behaviour: slow(50) }]);
    t = await createFakeHost({ fake }, { servers: { fake: { concurrency: 2 } } });
    const results = await t.host.executeTurn(
      [1, 2, 3, 4, 5].map((i) => ({ id: `u${i}`, name: 'work', input: { i } })),
    );
    expect(results.every((r) => !r.is_error)).toBe(true);
    expect(fake.maxActive).toBe(2);
    expect(fake.callsOf('work')).toBe(5);
  });

  it('frees the queue places of calls abandoned while waiting, and calls a rejection temporary', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holdFirst: Behaviour = async (args) => {
      if (args.hold) await released;
      return { content: [{ type: 'text', text: `done ${JSON.stringify(args)}` }] };
    };
    const fake = new FakeMcpServer([{ name: 'work', behaviour: holdFirst }]);
    t = await createFakeHost({ fake }, { servers: { fake: { concurrency: 1, queue: 2 } } });
    const holder = t.host.executeTurn([{ id: 'h', name: 'work', input: { hold: true } }]);
    await vi.waitFor(() => expect(fake.active).toBe(1));
    // Two calls queue behind the holder, then their turn ends: they leave the queue.
    const abandoned = await t.host.executeTurn(
      [1, 2].map((i) => ({ id: `q${i}`, name: 'work', input: { q: i } })),
      { deadlineMs: 50 },
    );
    expect(abandoned.every((r) => r.is_error)).toBe(true);
    const queued = t.host.executeTurn([1, 2].map((i) => ({ id: `n${i}`, name: 'work', input: { n: i } })));
    const [rejected] = await t.host.executeTurn([{ id: 'r', name: 'work', input: { r: 1 } }]);
    expect(textOf(rejected ?? {})).toContain('too many calls queued');
    expect(textOf(rejected ?? {})).toContain('This is temporary');
    release();
    await holder;
    expect((await queued).map((r) => textOf(r))).toEqual(['done {"n":1}', 'done {"n":2}']);
    expect(fake.callsOf('work')).toBe(3);
  });

  it('coalesces identical in-flight calls of an idempotent tool, within a turn and across turns', async () => {
    const fake = new FakeMcpServer([
      { name: 'read', annotations: READ_ONLY, behaviour: slow(100, 'shared') },
    ]);
    t = await createFakeHost({ fake }, { servers: { fake: { trustAnnotations: true } } });
    const records = recordsOf(t.host);
    const [turnA, turnB] = await Promise.all([
      t.host.executeTurn([
        { id: 'a1', name: 'read', input: { q: 1, r: [1, 2] } },
        { id: 'a2', name: 'read', input: { r: [1, 2], q: 1 } },
      ]),
      t.host.executeTurn([{ id: 'b1', name: 'read', input: { q: 1, r: [1, 2] } }]),
    ]);
    expect(fake.callsOf('read')).toBe(1);
    expect([...(turnA ?? []), ...(turnB ?? [])].map((r) => textOf(r))).toEqual([
      'shared',
      'shared',
      'shared',
    ]);
    expect(records.map((r) => r.attempts).sort()).toEqual([0, 0, 1]);
  });

  it('does not make a caller with a later deadline share a call that stops sooner', async () => {
    const fake = new FakeMcpServer([{ name: 'read', behaviour: slow(600, 'fresh') }]);
    t = await createFakeHost({ fake }, { servers: { fake: { tools: { read: { idempotent: true } } } } });
    const short = t.host.executeTurn([{ id: 'a', name: 'read', input: {} }], { deadlineMs: 200 });
    await vi.waitFor(() => expect(fake.callsOf('read')).toBe(1));
    const long = t.host.executeTurn([{ id: 'b', name: 'read', input: {} }], { deadlineMs: 20_000 });
    const [[a], [b]] = await Promise.all([short, long]);
    expect(a?.is_error).toBe(true);
    expect(b?.is_error).toBeUndefined();
    expect(textOf(b ?? {})).toBe('fresh');
    expect(fake.callsOf('read')).toBe(2);
  });

  it('does not coalesce a non-idempotent tool', async () => {
    const fake = new FakeMcpServer([{ name: 'write', behaviour: echo }]);
    t = await createFakeHost({ fake });
    await t.host.executeTurn([
      { id: 'a', name: 'write', input: { x: 1 } },
      { id: 'b', name: 'write', input: { x: 1 } },
    ]);
    expect(fake.callsOf('write')).toBe(2);
  });
});

describe('timeouts and cancellation (invariant 3)', () => {
  it('cancels a timed-out request on the server', async () => {
    const fake = new FakeMcpServer([{ name: 'stuck', behaviour: hang }]);
    t = await createFakeHost({ fake }, { defaults: { timeoutMs: 150 } });
    const [result] = await t.host.executeTurn([{ id: 'u', name: 'stuck', input: {} }]);
    expect(result?.is_error).toBe(true);
    expect(textOf(result ?? {})).toContain('timed out after 150 ms');
    await vi.waitFor(() => expect(fake.cancelled).toBe(1));
    expect(fake.active).toBe(0);
  });

  it('an aborted turn answers at once and cancels what was running', async () => {
    const fake = new FakeMcpServer([{ name: 'stuck', behaviour: hang }]);
    t = await createFakeHost({ fake });
    const records = recordsOf(t.host);
    const controller = new AbortController();
    const turn = t.host.executeTurn(
      [
        { id: 'a', name: 'stuck', input: { n: 1 } },
        { id: 'b', name: 'stuck', input: { n: 2 } },
      ],
      { signal: controller.signal },
    );
    await vi.waitFor(() => expect(fake.active).toBe(2));
    controller.abort();
    const results = await turn;
    expect(results.map((r) => r.is_error)).toEqual([true, true]);
    expect(records.map((r) => r.outcome)).toEqual(['cancelled', 'cancelled']);
    await vi.waitFor(() => expect(fake.cancelled).toBe(2));
  });
});

describe('turn deadline (invariant 4)', () => {
  it('answers every unfinished call at the deadline, well before the per-call timeout', async () => {
    const fake = new FakeMcpServer([
      { name: 'stuck', behaviour: hang },
      { name: 'quick', behaviour: ok('quick') },
    ]);
    t = await createFakeHost({ fake }, { defaults: { timeoutMs: 20_000 } });
    const records = recordsOf(t.host);
    const started = Date.now();
    const results = await t.host.executeTurn(
      [
        { id: 'a', name: 'stuck', input: {} },
        { id: 'b', name: 'quick', input: {} },
      ],
      // Generous enough that `quick` finishes on a loaded machine; far below the 20 s call timeout.
      { deadlineMs: 1_500 },
    );
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(results[0]?.is_error).toBe(true);
    expect(textOf(results[0] ?? {})).toContain('turn deadline');
    expect(textOf(results[1] ?? {})).toBe('quick');
    expect(records.find((r) => r.toolUseId === 'a')?.outcome).toBe('timeout');
    await vi.waitFor(() => expect(fake.cancelled).toBe(1), { timeout: 5_000 });
  });

  it('listeners that throw do not cost a call its result', async () => {
    const fake = new FakeMcpServer([
      { name: 'a', behaviour: ok('a') },
      { name: 'flaky', behaviour: failFirst(1, ok('flaky ok')) },
      { name: 'down', behaviour: failFirst(1, ok('never reached')) },
    ]);
    t = await createFakeHost(
      { fake },
      {
        defaults: { idempotent: true, retry: { baseDelayMs: 1 } },
        servers: { fake: { tools: { down: { breaker: { threshold: 1 } } } } },
      },
    );
    for (const event of ['call-start', 'call-end', 'retry', 'breaker'] as const) {
      t.host.events.on(event, () => {
        throw new Error(`listener bug in ${event}`);
      });
    }
    const results = await t.host.executeTurn([
      { id: 'x', name: 'a', input: {} },
      { id: 'y', name: 'flaky', input: {} },
      { id: 'z', name: 'down', input: {} },
    ]);
    expect(results.map((r) => textOf(r).slice(0, 16))).toEqual(['a', 'flaky ok', 'Tool down failed']);
  });
});

describe('rate limit', () => {
  it('spaces calls of a rate-limited tool without failing them', async () => {
    const fake = new FakeMcpServer([{ name: 'limited', behaviour: echo }]);
    t = await createFakeHost(
      { fake },
      { servers: { fake: { tools: { limited: { rateLimit: { perSecond: 10, burst: 1 } } } } } },
    );
    const started = Date.now();
    const results = await t.host.executeTurn(
      [1, 2, 3].map((i) => ({ id: `u${i}`, name: 'limited', input: { i } })),
    );
    expect(results.every((r) => !r.is_error)).toBe(true);
    // Two of the three waited for a token (100 ms each): a lower bound, so it cannot flake.
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
  });
});
