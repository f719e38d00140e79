import type { Command } from 'commander';
import { parsePort, startOrExit } from '../../shared/cli-options.js';
import { closeOnSignals } from '../../shared/shutdown.js';
import { startFakeClaude } from './server.js';

/** Registers `resilient-mcp fake-claude`. */
export function registerFakeClaudeCommand(program: Command): void {
  program
    .command('fake-claude')
    .description(
      'Run the simulated Claude (a fake Anthropic Messages API on 127.0.0.1) until SIGINT/SIGTERM. ' +
        'Point a client at it with ANTHROPIC_BASE_URL=<printed url> and any API key.',
    )
    .option('-p, --port <port>', 'port to listen on (0 = any free port)', parsePort, 0)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .action(async (opts: { port: number; host: string }) => {
      const fake = await startOrExit('resilient-mcp fake-claude', `${opts.host}:${opts.port}`, () =>
        startFakeClaude({ port: opts.port, host: opts.host }),
      );
      process.stdout.write(`${fake.url}\n`);
      closeOnSignals(() => fake.close());
    });
}
