import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunRecord } from './run-record.js';
import { INTERRUPTED_ERROR, RunStore } from './run-store.js';

const log = pino({ level: 'silent' });

function record(id: string, status: RunRecord['status']): RunRecord {
  return {
    id,
    status,
    source: { kind: 'api' },
    request: { prompt: 'hi' },
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, Number(id.slice(-1)))).toISOString(),
    toolCalls: [],
  };
}

describe('RunStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'run-store-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('persists records and reads them back after a restart, oldest first', async () => {
    const store = new RunStore(dir, log);
    await store.open();
    const a = record('run_1', 'succeeded');
    store.save(record('run_2', 'cancelled'));
    store.save({ ...a, status: 'running' });
    store.save({ ...a, answer: 'done' }); // the later write wins
    await store.flush();
    const reopened = await new RunStore(dir, log).open();
    expect(reopened.map((r) => [r.id, r.status, r.answer])).toEqual([
      ['run_1', 'succeeded', 'done'],
      ['run_2', 'cancelled', undefined],
    ]);
    expect((await readdir(store.dir)).sort()).toEqual(['run_1.json', 'run_2.json']);
  });

  it('marks runs that were in progress at a crash as failed, on disk too', async () => {
    const store = new RunStore(dir, log);
    await store.open();
    store.save(record('run_1', 'running'));
    store.save(record('run_2', 'queued'));
    await store.flush();
    const reopened = await new RunStore(dir, log).open();
    expect(reopened.map((r) => [r.status, r.error])).toEqual([
      ['failed', INTERRUPTED_ERROR],
      ['failed', INTERRUPTED_ERROR],
    ]);
    const onDisk = JSON.parse(await readFile(join(store.dir, 'run_1.json'), 'utf8'));
    expect(onDisk).toMatchObject({ status: 'failed', error: INTERRUPTED_ERROR });
  });

  it('skips corrupt records and removes leftovers of interrupted writes', async () => {
    const store = new RunStore(dir, log);
    await store.open();
    store.save(record('run_1', 'succeeded'));
    await store.flush();
    await writeFile(join(store.dir, 'run_2.json'), '{"id": "run_2", "stat');
    await writeFile(join(store.dir, 'run_3.json'), '{"id": "run_3"}');
    await writeFile(join(store.dir, 'run_1.json.123.1.tmp'), '{');
    const reopened = await new RunStore(dir, log).open();
    expect(reopened.map((r) => r.id)).toEqual(['run_1']);
    expect(await readdir(store.dir)).not.toContain('run_1.json.123.1.tmp');
  });
});
