import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../shared/atomic-write.js';
import type { Logger } from '../../shared/logger.js';
import { RunRecord } from './run-record.js';

export const INTERRUPTED_ERROR = 'interrupted by restart: the service stopped while this run was in progress';

/**
 * Run records as one JSON file per run in `<stateDir>/runs/`, each written to a temp file and renamed,
 * so a crash leaves either the old or the new record, never half of one. Writes to one run are
 * chained so a slow earlier write can never land after a later one.
 */
export class RunStore {
  readonly dir: string;
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    stateDir: string,
    private readonly log: Logger,
  ) {
    this.dir = join(stateDir, 'runs');
  }

  /**
   * Loads every record. Runs that were queued or running when the process died are marked failed
   * (and rewritten) so a crash is visible rather than a run staying "running" forever.
   */
  async open(): Promise<RunRecord[]> {
    await mkdir(this.dir, { recursive: true });
    const records: RunRecord[] = [];
    for (const name of await readdir(this.dir)) {
      if (name.endsWith('.tmp')) {
        await rm(join(this.dir, name), { force: true }); // an interrupted write; the old file is intact
        continue;
      }
      if (!name.endsWith('.json')) continue;
      const record = await this.read(name);
      if (!record) continue;
      if (record.status === 'queued' || record.status === 'running') {
        Object.assign(record, {
          status: 'failed',
          error: INTERRUPTED_ERROR,
          finishedAt: new Date().toISOString(),
        });
        void this.save(record);
      }
      records.push(record);
    }
    await this.flush();
    return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /**
   * Queues an atomic write of the record's current state. The promise settles when it is on disk
   * (errors are logged, never thrown); `flush()` waits for every queued write.
   */
  save(record: RunRecord): Promise<void> {
    const snapshot = JSON.stringify(record, null, 2);
    const previous = this.pending.get(record.id) ?? Promise.resolve();
    const next = previous
      .then(() => this.write(record.id, snapshot))
      .catch((err: Error) => this.log.error({ runId: record.id, err }, 'could not persist run record'));
    this.pending.set(record.id, next);
    void next.then(() => {
      if (this.pending.get(record.id) === next) this.pending.delete(record.id);
    });
    return next;
  }

  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all(this.pending.values());
  }

  private write(id: string, json: string): Promise<void> {
    return writeFileAtomic(join(this.dir, `${id}.json`), json);
  }

  private async read(name: string): Promise<RunRecord | undefined> {
    try {
      const parsed = RunRecord.safeParse(JSON.parse(await readFile(join(this.dir, name), 'utf8')));
      if (parsed.success) return parsed.data;
      this.log.warn(
        { file: name, issues: parsed.error.issues },
        'skipping run record that does not match the schema',
      );
    } catch (err) {
      this.log.warn({ file: name, err }, 'skipping unreadable run record');
    }
    return undefined;
  }
}
