import { createHash } from 'node:crypto';

/** Anthropic's tool-name rule. */
export const TOOL_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/;
const MAX_NAME = 128;
const SEPARATOR = '__';

/** Replaces characters Claude does not accept and keeps the name within 128 characters. */
export function toToolName(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9_.-]/g, '_') || '_';
  if (cleaned.length <= MAX_NAME) return cleaned;
  // Keep it unique when truncating: a short hash of the full name replaces the tail.
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 8);
  return `${cleaned.slice(0, MAX_NAME - hash.length - 1)}_${hash}`;
}

/** `server__tool`, used when a tool name appears on more than one server. */
export function namespacedToolName(server: string, tool: string): string {
  return toToolName(`${server}${SEPARATOR}${tool}`);
}
