import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../../shared/atomic-write.js';
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

/** Writes the snapshot atomically (temp file, fsync, rename): a crash leaves the old or the new file. */
export function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  return writeFileAtomic(file, JSON.stringify(snapshot));
}
