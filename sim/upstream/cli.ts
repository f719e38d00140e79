import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { exitWithError, parsePort, startOrExit } from '../../shared/cli-options.js';
import { closeOnSignals } from '../../shared/shutdown.js';
import { FaultConfig, ROUTE_NAMES, startUpstreamSim } from './index.js';

/** Reads and validates a `--faults` file; errors name the file and the offending field. */
async function loadFaults(file: string): Promise<FaultConfig> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read faults file ${file}: ${(error as Error).message}`);
  }
  const parsed = FaultConfig.safeParse(json);
  if (!parsed.success) throw new Error(`invalid faults file ${file}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Registers `resilient-mcp sim`. */
export function registerUpstreamSimCommand(program: Command): void {
  program
    .command('sim')
    .description(
      'Run the simulated upstream APIs (Open-Meteo, Frankfurter, Finnhub, Wikipedia) on one local port',
    )
    .option('--port <n>', 'port to listen on (0 = any free port)', parsePort, 8790)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--faults <file.json>', `initial faults by route (${ROUTE_NAMES.join(', ')})`)
    .addHelpText(
      'after',
      `
Point the server at it with RESILIENT_MCP_UPSTREAM_URL=<printed url>.
Change faults at run time: PUT /_sim/faults/<route> '{"status":500}', DELETE /_sim/faults;
counters: GET /_sim/stats. Fault fields: latencyMs, status, hang, malformed, flap:{period}, failNext, match.`,
    )
    .action(async (options: { port: number; host: string; faults?: string }) => {
      let faults: FaultConfig = {};
      try {
        if (options.faults) faults = await loadFaults(options.faults);
      } catch (error) {
        exitWithError(`resilient-mcp sim: ${(error as Error).message}`);
      }
      const sim = await startOrExit('resilient-mcp sim', `${options.host}:${options.port}`, () =>
        startUpstreamSim({ port: options.port, host: options.host, faults }),
      );
      process.stdout.write(`resilient-mcp sim: listening on ${sim.url}\n`);
      process.stdout.write(`routes: ${ROUTE_NAMES.map((route) => `${sim.url}/${route}`).join(' ')}\n`);
      closeOnSignals(() => sim.close());
    });
}
