import type { FastifyReply } from 'fastify';
import type { RunEvent, RunEventListener } from './run-events.js';

const HEARTBEAT_MS = 15_000;

/**
 * Streams a run's events as Server-Sent Events: what `subscribe` replays (past events, from the
 * client's resume point), then live ones; the response ends when the run has finished. A comment line
 * every 15 s keeps proxies from closing an idle stream.
 */
export function streamEvents(
  reply: FastifyReply,
  subscribe: (listener: RunEventListener) => () => void,
): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no', // nginx: do not buffer the stream
  });
  const write = (e: RunEvent) =>
    res.write(`id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  let unsubscribe: (() => void) | undefined;
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe?.();
  };
  res.on('close', stop); // the client went away (req 'close' fires when the request body ends)
  unsubscribe = subscribe({
    onEvent: write,
    onEnd: () => {
      stop();
      res.end();
    },
  });
  if (res.writableEnded) stop();
}
