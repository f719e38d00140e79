import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { sleep } from '../lib/timing.js';

const LISTENING = /listening on (http:\/\/\S+)/;
const START_TIMEOUT_MS = 15_000;

/** Children still running; killed if the bench exits early (signal, crash, closed stdout pipe). */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function adopt(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => process.exit(130));
  }
}

export interface ListeningChild {
  child: ChildProcess;
  url: string;
}

/**
 * Spawns `node <script> <args>` and resolves once it prints `listening on <url>` on `stream` (the server
 * logs it to stderr, the simulator to stdout). The streams keep being drained afterwards.
 */
export async function spawnListening(
  script: string,
  args: string[],
  env: Record<string, string>,
  stream: 'stdout' | 'stderr',
): Promise<ListeningChild> {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  adopt(child);
  const tail: string[] = [];
  const keep = (line: string) => {
    tail.push(line);
    if (tail.length > 20) tail.shift();
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const fail = (why: string) =>
        reject(
          new Error(
            `bench: \`${[path.basename(script), ...args].join(' ')}\` did not start (${why}). Output:\n${tail.join('\n')}`,
          ),
        );
      const timer = setTimeout(
        () => fail(`no "listening on" line in ${START_TIMEOUT_MS} ms`),
        START_TIMEOUT_MS,
      );
      child.once('exit', (code, signal) => fail(`exited with ${code ?? signal}`));
      child.once('error', (error) => fail(error.message));
      for (const name of ['stdout', 'stderr'] as const) {
        // biome-ignore lint/style/noNonNullAssertion: both are piped above
        createInterface({ input: child[name]! }).on('line', (line) => {
          keep(line);
          const match = name === stream ? LISTENING.exec(line) : null;
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      }
    });
    return { child, url };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** Stops a child we started: SIGTERM, then SIGKILL if it is still there after 3 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  const grace = new AbortController();
  child.kill('SIGTERM');
  const graceOver = sleep(3000, false, { signal: grace.signal }).catch(() => true);
  const done = await Promise.race([exited.then(() => true), graceOver]);
  grace.abort(); // the exit came first: let the process end without waiting for the timer
  if (!done) {
    child.kill('SIGKILL');
    await exited;
  }
}
