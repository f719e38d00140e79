import { join } from 'node:path';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../shared/logger.js';
import { cacheKey } from './cache-key.js';
import { type LastGoodEntry, readSnapshot, writeSnapshot } from './snapshot.js';

export type { LastGoodEntry } from './snapshot.js';

export const SNAPSHOT_FILE = 'last-good.json';

export interface LastGoodStoreOptions {
  stateDir: string;
  log: Logger;
  /** Most entries kept (least recently used go first). Default 1000. */
  maxEntries?: number;
  /** Delay before a change is written, so a burst of results costs one write. Default 250 ms. */
  debounceMs?: number;
}

/**
 * The last good result of each tool call (tool + normalized arguments): in memory, bounded, and persisted
 * to `<stateDir>/last-good.json` so `X_cached` still answers after a restart.
 */
export class LastGoodStore {
  readonly file: string;
  readonly #cache: LRUCache<string, LastGoodEntry>;
  readonly #log: Logger;
  readonly #debounceMs: number;
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();

  private constructor(options: LastGoodStoreOptions) {
    this.file = join(options.stateDir, SNAPSHOT_FILE);
    this.#cache = new LRUCache({ max: options.maxEntries ?? 1000 });
    this.#log = options.log;
    this.#debounceMs = options.debounceMs ?? 250;
  }

  /** Opens the store, loading the snapshot (a corrupt one is set aside, not fatal). */
  static async open(options: LastGoodStoreOptions): Promise<LastGoodStore> {
    const store = new LastGoodStore(options);
    const entries = await readSnapshot(store.file, store.#log);
    // The file lists entries least recently used first, so loading in order restores the LRU order.
    for (const entry of entries) {
      store.#cache.set(cacheKey(entry.tool, entry.args), entry);
    }
    store.#log.debug({ file: store.file, entries: store.#cache.size }, 'last-good store loaded');
    return store;
  }

  get(tool: string, args: unknown): LastGoodEntry | undefined {
    return this.#cache.get(cacheKey(tool, args));
  }

  set(tool: string, args: unknown, value: unknown, now = new Date()): void {
    this.#cache.set(cacheKey(tool, args), { tool, args, value, cachedAt: now.toISOString() });
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#write();
    }, this.#debounceMs);
  }

  get size(): number {
    return this.#cache.size;
  }

  /** Writes any pending change now and waits for it (and for a write already running). */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#write();
    }
    await this.#writing;
  }

  /** Writes are chained so two never race on the same temp/rename; a failed write is logged, not fatal. */
  #write(): void {
    const entries = [...this.#cache.rvalues()].filter((entry) => entry !== undefined); // LRU first
    this.#writing = this.#writing
      .then(() => writeSnapshot(this.file, { version: 1, entries }))
      .then(
        () => this.#log.debug({ file: this.file, entries: entries.length }, 'last-good snapshot written'),
        (error: unknown) =>
          this.#log.error({ file: this.file, err: error }, 'cannot write the last-good snapshot'),
      );
  }
}
