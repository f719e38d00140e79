#!/usr/bin/env node
/**
 * `npm run bench` entry. S6 measures memory after forced GCs, which needs `--expose-gc`; rather than ask
 * every caller for the flag, the runner re-runs itself with it (same args, same stdio, same exit code).
 * `--no-warnings` hands warnings to the runner, which prints each kind once and counts the rest.
 */
import { spawn } from 'node:child_process';

if (typeof globalThis.gc === 'function') {
  const { main } = await import('./main.js');
  process.exitCode = await main(process.argv.slice(2));
} else {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--no-warnings', ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}
