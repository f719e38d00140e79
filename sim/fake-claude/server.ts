import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { listen, urlHostname } from '../../shared/listen.js';
import { createLogger } from '../../shared/logger.js';
import { type ApiError, ERROR_STATUS, errorBody } from './api-error.js';
import { authError } from './auth.js';
import { type FakeClaudeFaults, type FakeClaudeFaultsInput, FaultState } from './faults.js';
import { newRequestId } from './ids.js';
import { CHARS_PER_TOKEN, PAUSED_REPLY, scriptedReply, truncateToMaxTokens } from './model.js';
import { CountTokensRequest, MessagesRequest } from './request-schema.js';
import { validateRequest } from './validate.js';
import { formatSse, messageBody, type SseEvent, streamEvents } from './wire.js';

export interface FakeClaudeOptions {
  port?: number;
  host?: string;
  faults?: FakeClaudeFaultsInput;
  /** Accepted keys; default: any non-empty key not starting `sk-invalid`. */
  apiKeys?: string[];
  /** Whether the scripted model retries failed tools once (default true). */
  retryFailedTools?: boolean;
}

/** One request as the fake received it, and how it answered. */
export interface RecordedRequest {
  requestId: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  error?: ApiError;
}

export interface FakeClaude {
  /** Base URL for the SDK's `baseURL` (no `/v1`). */
  url: string;
  /** Every request received, oldest first (live array). */
  requests: RecordedRequest[];
  /** Requests rejected with a 400 by validation (live array): empty means no malformed request was seen. */
  validationFailures: RecordedRequest[];
  setFaults(faults: FakeClaudeFaultsInput): void;
  faults(): Readonly<FakeClaudeFaults>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Words a `maxTokens` fault lets through before stopping. */
const MAX_TOKENS_FAULT_BUDGET = 3;

/** Starts the fake Anthropic Messages API on 127.0.0.1 (port 0 = any free port). */
export async function startFakeClaude(options: FakeClaudeOptions = {}): Promise<FakeClaude> {
  const log = createLogger('fake-claude');
  const faults = new FaultState(options.faults);
  const validKeys = options.apiKeys ? new Set(options.apiKeys) : undefined;
  const modelOptions = { retryFailedTools: options.retryFailedTools ?? true };
  const requests: RecordedRequest[] = [];
  const validationFailures: RecordedRequest[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const record: RecordedRequest = {
      requestId: newRequestId(),
      method: req.method ?? 'GET',
      path,
      headers: flatHeaders(req),
      body: undefined,
      status: 0,
    };
    requests.push(record);
    const fail = (error: ApiError) => {
      record.status = ERROR_STATUS[error.type];
      record.error = error;
      if (error.type === 'invalid_request_error') validationFailures.push(record);
      sendJson(res, record, errorBody(error, record.requestId), error.headers);
    };

    const raw = await readBody(req);
    record.body = parseJson(raw);
    const route = routeOf(record.method, path);
    if (!route) return fail({ type: 'not_found_error', message: `Not found: ${record.method} ${path}` });
    const auth = authError(req.headers, validKeys);
    if (auth) return fail(auth);
    const injected = faults.takeHttpFault();
    if (injected) return fail(injected);
    if (record.body === undefined) {
      return fail({
        type: 'invalid_request_error',
        message: 'There was an error parsing the body of your request',
      });
    }

    if (route === 'count_tokens') {
      const checked = validateRequest(CountTokensRequest, record.body);
      if (!checked.ok) return fail(checked.error);
      return sendJson(res, record, { input_tokens: estimateTokens(checked.value) });
    }
    const checked = validateRequest(MessagesRequest, record.body);
    if (!checked.ok) return fail(checked.error);
    const request = checked.value;
    let reply = truncateToMaxTokens(scriptedReply(request, modelOptions), request.max_tokens);
    if (faults.take('maxTokens')) reply = truncateToMaxTokens(reply, MAX_TOKENS_FAULT_BUDGET);
    else if (faults.take('pauseTurn')) reply = PAUSED_REPLY;
    const outputChars = reply.content.reduce(
      (n, b) => n + (b.type === 'text' ? b.text.length : JSON.stringify(b.input).length),
      0,
    );
    const message = messageBody(reply, request.model, {
      input_tokens: estimateTokens(request),
      output_tokens: Math.max(1, Math.ceil(outputChars / CHARS_PER_TOKEN)),
    });
    if (request.stream !== true) return sendJson(res, record, message);
    await sendStream(res, record, streamEvents(message), {
      delayMs: faults.current.streamDelayMs,
      breakWithError: faults.take('midStreamError'),
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error({ err }, 'fake-claude request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'Internal server error' } }),
      );
    });
  });
  const bindHost = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, bindHost);
  const host = urlHostname(bindHost);
  return {
    url: `http://${host}:${port}`,
    requests,
    validationFailures,
    setFaults: (f) => faults.set(f),
    faults: () => faults.current,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function routeOf(method: string, path: string): 'messages' | 'count_tokens' | undefined {
  if (method !== 'POST') return undefined;
  if (path === '/v1/messages') return 'messages';
  if (path === '/v1/messages/count_tokens') return 'count_tokens';
  return undefined;
}

function estimateTokens(request: { messages: unknown; system?: unknown; tools?: unknown }): number {
  const chars = JSON.stringify([request.system ?? '', request.tools ?? [], request.messages]).length;
  return Math.max(1, Math.ceil(chars / CHARS_PER_TOKEN));
}

function sendJson(
  res: ServerResponse,
  record: RecordedRequest,
  body: unknown,
  headers: Record<string, string> = {},
) {
  record.status ||= 200;
  res.writeHead(record.status, {
    'content-type': 'application/json',
    'request-id': record.requestId,
    ...headers,
  });
  res.end(JSON.stringify(body));
}

async function sendStream(
  res: ServerResponse,
  record: RecordedRequest,
  events: SseEvent[],
  opts: { delayMs: number; breakWithError: boolean },
): Promise<void> {
  record.status = 200;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'request-id': record.requestId,
  });
  for (const event of events) {
    if (res.destroyed) return; // the client went away (abort, deadline): stop producing
    if (opts.delayMs > 0) await sleep(opts.delayMs);
    res.write(formatSse(event));
    if (opts.breakWithError && event.event === 'content_block_delta') {
      const error = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
      res.write(formatSse({ event: 'error', data: error }));
      break;
    }
  }
  res.end();
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) break;
    parts.push(chunk as Buffer);
  }
  return Buffer.concat(parts).toString('utf8');
}

function parseJson(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
}
