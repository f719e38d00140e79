import { shorten } from '../../shared/text.js';
import type { CallInHistory } from './conversation.js';

const STALE_MARKER = /\[cached result,\s*([\d.]+)\s*s old[^\]]*\]/i;
/** A host's note on a result served from a fallback: flags staleness, but is no fact to quote. */
const FALLBACK_NOTE = /^\[resilient-mcp fallback:.*\]$/gm;
const STALE_WORDS = /\b(?:cached|stale|fallback)\b/i;
const MAX_FACTS_CHARS = 240;

/** One call's outcome, as the answer talks about it. */
export interface Finding {
  label: string;
  call: CallInHistory;
}

/**
 * The final answer: quotes the key facts of each usable result, says plainly which are cached (and
 * how old), names what failed and why, and never fills a gap with invented data.
 */
export function composeAnswer(findings: Finding[], replanRequested: boolean): string {
  const lines = ["Here's what I found:"];
  const failed: Finding[] = [];
  let anyStale = false;
  for (const finding of findings) {
    const result = finding.call.result;
    if (!result || result.isError) {
      failed.push(finding);
      const why = result ? firstLine(result.text) : 'no result came back';
      lines.push(`- ${capitalise(finding.label)}: unavailable — \`${finding.call.name}\` failed (${why}).`);
      continue;
    }
    const stale = staleness(result.text);
    anyStale ||= stale !== undefined;
    lines.push(`- ${capitalise(finding.label)}: ${facts(result.text)}${stale ?? ''}`);
  }
  if (anyStale)
    lines.push('', 'Values marked as cached come from an earlier successful call and may be out of date.');
  if (failed.length > 0) {
    const missing = failed.map((f) => f.label).join(', ');
    const replan = replanRequested ? 'The tool failures were reported to me, so ' : '';
    lines.push(
      '',
      `${replan}I answered with what I have. Missing: ${missing}. I have not guessed those values; please try again later.`,
    );
  }
  return lines.join('\n');
}

/** ` (cached value, 120 s old — may be out of date)` when the result says it is stale. */
function staleness(text: string): string | undefined {
  const marker = STALE_MARKER.exec(text);
  if (marker) return ` (note: cached value, ${marker[1]} s old — may be out of date)`;
  if (STALE_WORDS.test(text)) return ' (note: this is a cached/stale value — may be out of date)';
  return undefined;
}

/** Key facts of a result: scalar fields of a JSON body, else the text itself, shortened. */
function facts(text: string): string {
  const body = text.replace(STALE_MARKER, '').replace(FALLBACK_NOTE, '').trim();
  const json = parseJsonAnywhere(body);
  const summary = json ? scalarFields(json).join(', ') : body.replace(/\s+/g, ' ');
  return shorten(summary, MAX_FACTS_CHARS) || '(empty result)';
}

function parseJsonAnywhere(text: string): Record<string, unknown> | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  try {
    const value: unknown = JSON.parse(text.slice(start));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `key: value` for scalars, one level into nested objects (`current.temperature: 18`). */
function scalarFields(obj: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (value === null || typeof value !== 'object') out.push(`${prefix}${key}: ${String(value)}`);
    else if (!prefix && !Array.isArray(value))
      out.push(...scalarFields(value as Record<string, unknown>, `${key}.`));
  }
  return out;
}

const firstLine = (text: string): string => text.trim().split('\n')[0]?.slice(0, 200) || 'no details given';
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
