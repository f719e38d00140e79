import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { CallRecord } from '../../host/index.js';
import { BACKUP_FOR_META_KEY, CACHE_META_KEY, FALLBACK_META_KEY } from '../../shared/mcp-meta.js';
import { type Behaviour, FakeMcpServer, hang, ok, toolError } from './support/fake-mcp-server.js';
import { createFakeHost, type TestHost, textOf } from './support/test-host.js';

let t: TestHost | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const cachedAnswer: Behaviour = async () => ({
  content: [{ type: 'text', text: '[cached result, 42 s old] sunny' }],
  _meta: { [CACHE_META_KEY]: { cachedAt: new Date().toISOString(), ageSeconds: 42 } },
});

function weatherServer(primary: Behaviour, backup: Behaviour = cachedAnswer) {
  return new FakeMcpServer([
    { name: 'weather', meta: { [FALLBACK_META_KEY]: 'weather_cached' }, behaviour: primary },
    { name: 'weather_cached', meta: { [BACKUP_FOR_META_KEY]: 'weather' }, behaviour: backup },
  ]);
}

describe('fallback routing (invariant 7)', () => {
  it('hides backup variants from Claude', async () => {
    t = await createFakeHost({ fake: weatherServer(ok('live')) });
    expect(t.host.anthropicTools().map((x) => x.name)).toEqual(['weather']);
    expect(t.host.catalog.get('weather')?.backup).toBe('weather_cached');
    expect(t.host.catalog.get('weather_cached')).toMatchObject({ hidden: true, backupFor: 'weather' });
  });

  it('serves the declared backup when the tool times out, saying so', async () => {
    const fake = weatherServer(hang);
    t = await createFakeHost({ fake }, { defaults: { timeoutMs: 150 } });
    const { toolResult, record } = await t.host.callTool('weather', { city: 'Oslo' });
    expect(toolResult.is_error).toBeUndefined();
    expect(textOf(toolResult)).toMatch(
      /fallback: weather failed \(timed out after 150 ms\).*backup tool weather_cached.*42 s old/,
    );
    expect(textOf(toolResult)).toContain('sunny');
    expect(record).toMatchObject({ outcome: 'fallback-backup', ok: true, fallbackAgeSeconds: 42 });
  });

  it('falls back to the host cache when there is no usable backup', async () => {
    let up = true;
    const fake = weatherServer(
      async () =>
        up ? { content: [{ type: 'text', text: 'live 20°C' }] } : toolError('upstream_unreachable', true),
      async () => toolError('cache_empty', false, 'nothing cached'),
    );
    t = await createFakeHost({ fake }, { defaults: { idempotent: true, retry: { maxAttempts: 1 } } });
    expect((await t.host.callTool('weather', { city: 'Oslo' })).record.outcome).toBe('ok');
    up = false;
    const { toolResult, record } = await t.host.callTool('weather', { city: 'Oslo' });
    expect(record).toMatchObject({ outcome: 'fallback-cache', ok: true, fallbackAgeSeconds: 0 });
    expect(textOf(toolResult)).toMatch(/host's last good result \(recorded .*\).*0 s old/);
    expect(textOf(toolResult)).toContain('live 20°C');
    // Another city was never cached: a clear error remains.
    const other = await t.host.callTool('weather', { city: 'Rome' });
    expect(other.record.outcome).toBe('error');
    expect(textOf(other.toolResult)).toContain('No backup or cached result is available');
  });

  it('ends with an is_error result that says what failed and what Claude may do', async () => {
    const fake = new FakeMcpServer([
      { name: 'quote', behaviour: async () => toolError('upstream_status', true, 'HTTP 503') },
    ]);
    t = await createFakeHost({ fake }, { defaults: { retry: { maxAttempts: 1 } } });
    const { toolResult, record } = await t.host.callTool('quote', {});
    expect(toolResult.is_error).toBe(true);
    expect(textOf(toolResult)).toMatch(/Tool quote failed: HTTP 503\..*retry once later, use another tool/);
    expect(record).toMatchObject({ outcome: 'error', ok: false, error: 'HTTP 503' });
  });

  it("gives one clear text for a failure with no fallback, not the server's advice appended again", async () => {
    const serverText =
      'quote failed: upstream answered HTTP 500. This is likely temporary: retrying later may help. quote_cached can return the last good result for these arguments.';
    const fake = new FakeMcpServer([
      { name: 'quote', behaviour: async () => toolError('upstream_status', true, serverText) },
    ]);
    t = await createFakeHost({ fake }, { defaults: { retry: { maxAttempts: 1 } } });
    const { toolResult } = await t.host.callTool('quote', {});
    expect(toolResult.content).toEqual([
      {
        type: 'text',
        text: 'Tool quote failed: upstream answered HTTP 500. This looks temporary: you may retry once later, use another tool, or tell the user the data is unavailable right now.',
      },
    ]);
  });

  it('passes on an SDK server rejecting the arguments, without trying the backup or blaming the tool', async () => {
    const fake = new FakeMcpServer([
      {
        name: 'weather',
        meta: { [FALLBACK_META_KEY]: 'weather_cached' },
        inputSchema: z.object({ city: z.string() }),
        behaviour: ok('live'),
      },
      { name: 'weather_cached', meta: { [BACKUP_FOR_META_KEY]: 'weather' }, behaviour: cachedAnswer },
    ]);
    t = await createFakeHost({ fake }, { defaults: { breaker: { threshold: 1 } } });
    const { toolResult, record } = await t.host.callTool('weather', { city: 42 });
    expect(record).toMatchObject({ outcome: 'error', attempts: 1 });
    expect(textOf(toolResult)).toContain('Input validation error');
    expect(textOf(toolResult)).not.toContain('No backup or cached result');
    expect(fake.callsOf('weather_cached')).toBe(0);
    // Not held against the tool: with threshold 1 the breaker would otherwise be open now.
    expect((await t.host.callTool('weather', { city: 'Oslo' })).record.outcome).toBe('ok');
  });

  it('lands backup fallbacks within the turn deadline', async () => {
    const fake = weatherServer(hang);
    t = await createFakeHost({ fake }, { defaults: { timeoutMs: 60_000 } });
    const started = Date.now();
    // The primary gives up a quarter of the turn early (here 500 ms), leaving the backup time to answer
    // even on a loaded machine; the bound allows for the scheduler, not for a missed deadline.
    const [result] = await t.host.executeTurn([{ id: 'u', name: 'weather', input: {} }], {
      deadlineMs: 2_000,
    });
    expect(textOf(result ?? {})).toContain('backup tool weather_cached');
    expect(textOf(result ?? {})).toMatch(
      /failed \(no answer within \d+ ms, stopped \d+ ms before the turn deadline to leave time for the backup\)/,
    );
    expect(Date.now() - started).toBeLessThan(2_000 + 1_000);
  });

  it('does not call the backup when the turn was aborted', async () => {
    const fake = weatherServer(hang);
    t = await createFakeHost({ fake });
    const controller = new AbortController();
    const pending = t.host.executeTurn([{ id: 'u', name: 'weather', input: {} }], {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const [result] = await pending;
    expect(result?.is_error).toBe(true);
    expect(fake.callsOf('weather_cached')).toBe(0);
  });

  it('cancels a backup call in flight when the turn is aborted', async () => {
    const fake = weatherServer(async () => toolError('upstream_status', false, 'upstream 500'), hang);
    t = await createFakeHost({ fake }, { defaults: { backupTimeoutMs: 20_000 } });
    const records: CallRecord[] = [];
    t.host.events.on('call-end', (r) => records.push(r));
    const controller = new AbortController();
    const pending = t.host.executeTurn([{ id: 'u', name: 'weather', input: {} }], {
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(fake.callsOf('weather_cached')).toBe(1));
    controller.abort();
    // Without the link the backup call would run for its whole 20 s bound.
    const [result] = await Promise.race([pending, sleep(5_000).then(() => [])]);
    expect(result?.is_error).toBe(true);
    expect(records[0]?.outcome).toBe('error');
    await vi.waitFor(() => expect(fake.cancelled).toBe(1));
  });
});
