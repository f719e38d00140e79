import { firstSentence } from '../../shared/text.js';
import type { CallOutcome, CallRecord, HostEventEmitter } from '../index.js';

const MARK: Record<CallOutcome, string> = {
  ok: '✓',
  'retried-ok': '✓',
  'fallback-backup': '⤷',
  'fallback-cache': '⤷',
  timeout: '✗',
  error: '✗',
  'circuit-open': '✗',
  cancelled: '✗',
};

/** One compact line for a finished call: mark, tool, outcome, attempts, latency, and why it failed. */
export function formatCallEnd(record: CallRecord): string {
  const parts = [`  ${MARK[record.outcome]} ${record.tool}`, record.outcome];
  if (record.attempts > 1) parts.push(`${record.attempts} attempts`);
  if (record.fallbackAgeSeconds !== undefined)
    parts.push(`value ${Math.round(record.fallbackAgeSeconds)} s old`);
  parts.push(`${Math.round(record.latencyMs)} ms`);
  const why = record.error && record.outcome !== 'ok' ? ` — ${firstSentence(record.error, 120)}` : '';
  return `${parts.join('  ')}${why}`;
}

/**
 * Writes a live line per tool call (started, retried, finished) to `out` — stderr, so stdout keeps
 * only Claude's answer. Returns a function that stops listening.
 */
export function printCallLines(events: HostEventEmitter, out: NodeJS.WritableStream): () => void {
  const onStart = (e: { tool: string }) => out.write(`  → ${e.tool}\n`);
  const onRetry = (e: { tool: string; attempt: number; delayMs: number; error: string }) =>
    out.write(
      `  ↻ ${e.tool}  retry ${e.attempt} in ${Math.round(e.delayMs)} ms — ${firstSentence(e.error, 120)}\n`,
    );
  const onEnd = (record: CallRecord) => out.write(`${formatCallEnd(record)}\n`);
  events.on('call-start', onStart);
  events.on('retry', onRetry);
  events.on('call-end', onEnd);
  return () => {
    events.off('call-start', onStart);
    events.off('retry', onRetry);
    events.off('call-end', onEnd);
  };
}

/** Counts of outcomes, for summaries: `3 ok, 1 fallback`. */
export function summarizeOutcomes(records: readonly CallRecord[]): string {
  const counts = new Map<string, number>();
  for (const r of records) {
    const key = r.outcome.startsWith('fallback') ? 'fallback' : r.ok ? 'ok' : 'failed';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
}
