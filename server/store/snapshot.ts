import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../shared/logger.js';

export const LastGoodEntry = z.object({
  tool: z.string(),
  args: z.unknown(),
  /** The tool's structuredContent. */
  value: z.unknown(),
  /** ISO 8601 time the value was recorded. */
  cachedAt: z.iso.datetime(),
});
export type LastGoodEntry = z.infer<typeof LastGoodEntry>;

export const Snapshot = z.object({ version: z.literal(1), entries: z.array(LastGoodEntry) });
export type Snapshot = z.infer<typeof Snapshot>;

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Reads the snapshot. Missing: no entries. Unreadable as a snapshot (bad JSON, wrong shape): logged and
 * renamed aside to `<file>.corrupt-<timestamp>` so it can be inspected, and the server starts empty.
 */
export async function readSnapshot(file: string, log: Logger): Promise<LastGoodEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return [];
    log.error({ file, err: error }, 'cannot read the last-good snapshot; starting with an empty cache');
    return [];
  }
  let problem: string;
  try {
    const parsed = Snapshot.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.entries;
    problem = z.prettifyError(parsed.error);
  } catch (error) {
    problem = (error as Error).message;
  }
  const aside = `${file}.corrupt-${new Date().toISOString().replaceAll(':', '-')}`;
  try {
    await rename(file, aside);
    log.warn(
      { file, movedTo: aside, problem },
      'last-good snapshot is corrupt; set it aside and starting empty',
    );
  } catch (error) {
    log.error({ file, problem, err: error }, 'last-good snapshot is corrupt and could not be set aside');
  }
  return [];
}

/**
 * Writes the snapshot atomically: a temp file in the same directory, fsync'd, then renamed over the old
 * one. A crash at any point leaves either the old or the new file, never a half-written one.
 */
export async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(snapshot));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // Persist the rename itself (directory entry); not every platform lets a directory be fsync'd.
  const dirHandle = await open(dir, 'r').catch(() => undefined);
  await dirHandle?.sync().catch(() => undefined);
  await dirHandle?.close();
}
