import { EventEmitter } from 'node:events';

/** One Server-Sent Event of a run; `seq` doubles as the SSE `id` so clients can resume. */
export interface RunEvent {
  seq: number;
  type: string;
  data: Record<string, unknown>;
}

export interface RunEventListener {
  onEvent(event: RunEvent): void;
  onEnd(): void;
}

/**
 * The events of one run: kept so a late subscriber gets everything from the start (or from its
 * `Last-Event-ID`), then live ones; `end()` closes every subscription once the run has finished.
 */
export class RunEventLog {
  private readonly events: RunEvent[] = [];
  private readonly live = new EventEmitter();
  private ended = false;

  constructor(private readonly maxEvents = 10_000) {
    this.live.setMaxListeners(0);
  }

  get isEnded(): boolean {
    return this.ended;
  }

  push(type: string, data: Record<string, unknown>): void {
    if (this.ended) return;
    const event = { seq: (this.events.at(-1)?.seq ?? 0) + 1, type, data };
    this.events.push(event);
    // Bound memory for chatty runs: drop the oldest text deltas first, never the lifecycle events.
    if (this.events.length > this.maxEvents) {
      const index = this.events.findIndex((e) => e.type === 'text');
      this.events.splice(index === -1 ? 0 : index, 1);
    }
    this.live.emit('event', event);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.live.emit('end');
  }

  /** Replays events with `seq > afterSeq`, then follows live ones; returns an unsubscribe function. */
  subscribe(afterSeq: number, listener: RunEventListener): () => void {
    for (const event of this.events) if (event.seq > afterSeq) listener.onEvent(event);
    if (this.ended) {
      listener.onEnd();
      return () => {};
    }
    const onEvent = (e: RunEvent) => listener.onEvent(e);
    const onEnd = () => listener.onEnd();
    this.live.on('event', onEvent);
    this.live.once('end', onEnd);
    return () => {
      this.live.off('event', onEvent);
      this.live.off('end', onEnd);
    };
  }
}
