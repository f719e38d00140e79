import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// The helper exits the process, so it runs in a child of its own, from the build (`npm run build` first).
const HELPER = new URL('../dist/shared/shutdown.js', import.meta.url).href;
const children = new Set<ChildProcess>();

afterEach(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});

/**
 * Runs `body` as an ES module with `closeOnSignals` imported and `closing()` (prints "closing") in
 * scope; "ready" on stdout says the handlers are installed.
 */
function runChild(body: string) {
  const script = `
import { closeOnSignals } from ${JSON.stringify(HELPER)};
const closing = () => process.stdout.write('closing\\n');
${body}
process.stdout.write('ready\\n');
setInterval(() => {}, 60_000); // keeps the process alive until the helper ends it`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const w of waiters.filter((w) => stdout.includes(w.text))) w.resolve();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const printed = (text: string) =>
    new Promise<void>((resolve) => {
      if (stdout.includes(text)) resolve();
      else waiters.push({ text, resolve });
    });
  const closings = () => stdout.split('\n').filter((line) => line === 'closing').length;
  return { child, exited, printed, closings, stderr: () => stderr };
}

/** A child whose close never finishes, already sent SIGTERM and closing. */
async function signalHangingClose(forceExitMs: number) {
  const run = runChild(
    `closeOnSignals(() => { closing(); return new Promise(() => {}); }, { forceExitMs: ${forceExitMs} });`,
  );
  await run.printed('ready');
  run.child.kill('SIGTERM');
  await run.printed('closing');
  return run;
}

describe('closeOnSignals', () => {
  it('closes once on SIGTERM and exits 0', async () => {
    const run = runChild(`closeOnSignals(async () => closing());`);
    await run.printed('ready');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.closings()).toBe(1);
  });

  it('runs close once for repeated stop() calls and a signal after them, and finishes the close', async () => {
    const run = runChild(`
const stop = closeOnSignals(async () => {
  closing();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  process.stdout.write('closed\\n');
});
stop('stdin closed');
stop('stdout closed');`);
    await run.printed('closing');
    run.child.kill('SIGTERM'); // the first signal after stop() does not cut the close short
    expect(await run.exited).toBe(0);
    expect(run.closings()).toBe(1);
    await run.printed('closed');
  });

  it('exits 1 when close fails, and logs why', async () => {
    const run = runChild(`closeOnSignals(async () => { closing(); throw new Error('disk full'); });`);
    await run.printed('ready');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(1);
    expect(run.closings()).toBe(1);
    expect(run.stderr()).toContain('shutdown failed');
    expect(run.stderr()).toContain('disk full');
  });

  it('exits 1 when close hangs past forceExitMs', async () => {
    const run = await signalHangingClose(200);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain('shutdown did not finish in time');
  });

  it('exits 1 at once on a second signal', async () => {
    const run = await signalHangingClose(60_000);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(1); // long before the 60 s force exit (the test would time out)
    expect(run.closings()).toBe(1);
    expect(run.stderr()).toContain('second signal');
  });
});
