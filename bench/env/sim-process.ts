/**
 * The upstream simulator in a process of its own, for the bench: like `resilient-mcp sim --port 0`, but
 * loading only sim/ (the CLI loads every command, so a half-built folder elsewhere would stop the bench).
 */
import { closeOnSignals } from '../../shared/shutdown.js';
import { startUpstreamSim } from '../../sim/upstream/index.js';

const sim = await startUpstreamSim({ port: 0 });
process.stdout.write(`bench sim: listening on ${sim.url}\n`);
closeOnSignals(() => sim.close());
