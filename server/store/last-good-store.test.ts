import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/logger.js';
import { cacheKey } from './cache-key.js';
import { LastGoodStore, SNAPSHOT_FILE } from './last-good-store.js';

const log = createLogger('test', 'silent');

describe('cacheKey', () => {
  it('ignores key order at every level', () => {
    expect(cacheKey('t', { b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } })).toBe(
      cacheKey('t', { a: { c: [3, { e: 0, f: 1 }], d: 2 }, b: 1 }),
    );
    expect(cacheKey('t', { a: 1 })).not.toBe(cacheKey('u', { a: 1 }));
  });
});

describe('LastGoodStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'last-good-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps values in memory and persists them for the next process', async () => {
    const store = await LastGoodStore.open({ stateDir: dir, log, debounceMs: 10_000 });
    expect(store.get('tool', { a: 1 })).toBeUndefined();
    store.set('tool', { a: 1, b: 2 }, { answer: 42 }, new Date('2025-01-01T00:00:00Z'));
    expect(store.get('tool', { b: 2, a: 1 })).toMatchObject({
      value: { answer: 42 },
      cachedAt: '2025-01-01T00:00:00.000Z',
    });
    await store.flush();

    expect((await readdir(dir)).sort()).toEqual([SNAPSHOT_FILE]); // no temp file left behind
    const reopened = await LastGoodStore.open({ stateDir: dir, log });
    expect(reopened.get('tool', { a: 1, b: 2 })?.value).toEqual({ answer: 42 });
  });

  it('debounces writes into one snapshot', async () => {
    const store = await LastGoodStore.open({ stateDir: dir, log, debounceMs: 20 });
    for (let i = 0; i < 5; i++) store.set('tool', { i }, i);
    await expect.poll(async () => (await readdir(dir)).includes(SNAPSHOT_FILE)).toBe(true);
    const snapshot = JSON.parse(await readFile(join(dir, SNAPSHOT_FILE), 'utf8'));
    expect(snapshot.entries).toHaveLength(5);
  });

  it('stays bounded, dropping the least recently used', async () => {
    const store = await LastGoodStore.open({ stateDir: dir, log, maxEntries: 2 });
    store.set('tool', { n: 1 }, 1);
    store.set('tool', { n: 2 }, 2);
    store.get('tool', { n: 1 });
    store.set('tool', { n: 3 }, 3);
    expect(store.size).toBe(2);
    expect(store.get('tool', { n: 2 })).toBeUndefined();
    await store.flush();
    const reopened = await LastGoodStore.open({ stateDir: dir, log, maxEntries: 2 });
    expect([reopened.get('tool', { n: 1 })?.value, reopened.get('tool', { n: 3 })?.value]).toEqual([1, 3]);
  });

  it('sets a corrupt or wrongly shaped snapshot aside and starts empty', async () => {
    for (const content of ['not json', '{"version": 2, "entries": []}']) {
      await writeFile(join(dir, SNAPSHOT_FILE), content);
      const store = await LastGoodStore.open({ stateDir: dir, log });
      expect(store.size).toBe(0);
      const files = await readdir(dir);
      expect(files).not.toContain(SNAPSHOT_FILE);
      const aside = files.find((name) => name.startsWith(`${SNAPSHOT_FILE}.corrupt-`));
      expect(aside && (await readFile(join(dir, aside), 'utf8'))).toBe(content);
      await rm(join(dir, aside ?? ''));
    }
  });

  it('creates the state directory on first write and survives an unwritable one', async () => {
    const nested = join(dir, 'a', 'b');
    const store = await LastGoodStore.open({ stateDir: nested, log });
    store.set('tool', {}, 1);
    await store.flush();
    expect(await readdir(nested)).toEqual([SNAPSHOT_FILE]);

    await writeFile(join(dir, 'file'), '');
    const blocked = await LastGoodStore.open({ stateDir: join(dir, 'file', 'sub'), log });
    blocked.set('tool', {}, 1);
    await expect(blocked.flush()).resolves.toBeUndefined(); // logged, not thrown
    expect(blocked.get('tool', {})?.value).toBe(1);
  });
});
