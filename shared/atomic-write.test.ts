import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atomic-write-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates missing directories and replaces the old content, leaving no temp file', async () => {
    const file = join(dir, 'nested', 'state.json');
    await writeFileAtomic(file, '{"v":1}');
    await writeFileAtomic(file, '{"v":2}');
    expect(await readFile(file, 'utf8')).toBe('{"v":2}');
    expect(await readdir(join(dir, 'nested'))).toEqual(['state.json']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('keeps the old file and cleans up when the write cannot complete', async () => {
    const file = join(dir, 'state.json');
    await writeFileAtomic(file, 'old');
    // A directory where the file should go makes the rename fail after the temp file was written.
    const blocked = join(dir, 'blocked');
    await writeFileAtomic(join(blocked, 'x'), 'x');
    await expect(writeFileAtomic(blocked, 'new')).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('old');
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
