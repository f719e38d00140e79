/** Small helpers for talking to the service the way a client would. */

/** Response JSON: tests assert on its shape with `expect`, so it is not typed field by field. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Json = any;

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: Json;
}

export async function call(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string; contentType?: string } = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (e.g. /metrics)
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

export interface SseEvent {
  id?: string;
  event: string;
  data: Json;
}

function parseSseBlock(block: string): SseEvent {
  const fields: Record<string, string> = {};
  for (const line of block.split('\n')) {
    const at = line.indexOf(': ');
    if (at > 0) fields[line.slice(0, at)] = line.slice(at + 2);
  }
  return { id: fields.id, event: fields.event ?? 'message', data: JSON.parse(fields.data ?? 'null') };
}

/**
 * Reads a whole SSE stream (until the server ends it) and returns its events; `onEvent` sees each one
 * as it arrives, so a test can act mid-run (e.g. cancel once a tool call has started).
 */
export async function readSse(
  url: string,
  token?: string,
  lastEventId?: number,
  onEvent?: (event: SseEvent) => void,
): Promise<SseEvent[]> {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (lastEventId) headers['last-event-id'] = String(lastEventId);
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(20_000) });
  if (res.status !== 200 || !res.body) throw new Error(`SSE ${url}: HTTP ${res.status} ${await res.text()}`);
  const events: SseEvent[] = [];
  let buffered = '';
  for await (const chunk of res.body.pipeThrough(new TextDecoderStream())) {
    buffered += chunk;
    const blocks = buffered.split('\n\n');
    buffered = blocks.pop() ?? '';
    for (const block of blocks) {
      if (!block.trim() || block.startsWith(':')) continue;
      const event = parseSseBlock(block);
      events.push(event);
      onEvent?.(event);
    }
  }
  return events;
}

/** Polls a run until it has finished. */
export async function waitForRun(base: string, id: string, token?: string): Promise<Json> {
  const until = Date.now() + 20_000;
  for (;;) {
    const { body } = await call(base, 'GET', `/v1/runs/${id}`, { token });
    if (['succeeded', 'failed', 'cancelled'].includes(body.status)) return body;
    if (Date.now() > until) throw new Error(`run ${id} still ${body.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
