import { resolve } from 'node:path';
import type { Command } from 'commander';
import { exitWithError, parsePort } from '../../shared/cli-options.js';
import { defaultStateDir, tokenProblem } from '../../shared/env.js';
import { createLogger } from '../../shared/logger.js';
import { closeOnSignals } from '../../shared/shutdown.js';
import { EXIT } from '../cli/exit-codes.js';
import type { RunningService } from './service.js';

const PREFIX = 'resilient-mcp serve';
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

interface ServeFlags {
  port: number;
  host: string;
  config: string;
  policy?: string;
  serviceConfig?: string;
  stateDir?: string;
  token?: string[];
  auth: boolean;
}

/** Tokens from `--token` (repeatable) and `RESILIENT_MCP_SERVICE_TOKENS` (comma-separated). */
function resolveTokens(flags: ServeFlags, env: NodeJS.ProcessEnv): string[] | undefined {
  const tokens = [...(flags.token ?? []), ...(env.RESILIENT_MCP_SERVICE_TOKENS ?? '').split(',')]
    .map((t) => t.trim())
    .filter(Boolean);
  if (!flags.auth) {
    if (!LOOPBACK.test(flags.host)) {
      throw new Error(`--no-auth is only allowed on a loopback address (127.0.0.1, ::1), not ${flags.host}`);
    }
    return undefined;
  }
  if (!tokens.length) {
    throw new Error(
      'no bearer token: pass --token <token> or set RESILIENT_MCP_SERVICE_TOKENS (or --no-auth on 127.0.0.1)',
    );
  }
  const problem = tokens.map(tokenProblem).find(Boolean);
  if (problem) throw new Error(`bearer token ${problem}`);
  return tokens;
}

/** One plain line on stderr, then exit: `2` for bad usage or config (the project-wide convention), else `1`. */
function fail(message: string, exitCode: number): never {
  return exitWithError(`${PREFIX}: ${message}`, exitCode);
}

/** Registers `resilient-mcp serve`. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the host as an HTTP service: agent runs, SSE events, webhooks, Prometheus metrics')
    .option('--port <port>', 'port to listen on (0 = any free port)', parsePort, 8787)
    .option('--host <address>', 'address to bind; keep 127.0.0.1 unless behind a proxy', '127.0.0.1')
    .option('--config <file>', 'MCP servers (mcp.json, "mcpServers")', 'mcp.json')
    .option(
      '--policy <file>',
      'resilience policy; default resilience.json beside the mcp.json, if present (every key has a default)',
    )
    .option(
      '--service-config <file>',
      'service settings: hooks, limits, webhooks (service.json; see docs/service.md)',
    )
    .option(
      '--state-dir <dir>',
      'where run records are kept (<dir>/runs/); default $RESILIENT_MCP_STATE_DIR, else $XDG_STATE_HOME/resilient-mcp or ~/.local/state/resilient-mcp',
    )
    .option(
      '--token <token>',
      'bearer token accepted on /v1 routes (repeatable; also RESILIENT_MCP_SERVICE_TOKENS=a,b)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--no-auth', 'accept /v1 requests without a token (only when bound to a loopback address)')
    .addHelpText(
      'after',
      `
Environment:
  ANTHROPIC_API_KEY             required: the key for the Messages API
  ANTHROPIC_BASE_URL            optional: a proxy, gateway or the fake Claude
  RESILIENT_MCP_SERVICE_TOKENS  comma-separated bearer tokens (added to --token)
  LOG_LEVEL                     pino level for the JSON logs on stderr (default info)

Routes (see docs/service.md):
  POST /v1/runs, GET /v1/runs/:id, GET /v1/runs/:id/events (SSE), POST /v1/runs/:id/cancel,
  GET /v1/tools, POST /v1/tools/:name/call, POST /v1/hooks/:name,
  GET /healthz, GET /readyz, GET /metrics (no token needed)`,
    )
    .action(async (flags: ServeFlags) => {
      const env = process.env;
      let tokens: string[] | undefined;
      try {
        tokens = resolveTokens(flags, env);
      } catch (err) {
        fail((err as Error).message, EXIT.usage);
      }
      if (!env.ANTHROPIC_API_KEY?.trim()) {
        fail(
          'ANTHROPIC_API_KEY is not set: the service needs it to run agents (ANTHROPIC_BASE_URL may point at a gateway)',
          EXIT.usage,
        );
      }
      const log = createLogger('service');
      let service: RunningService;
      let graceMs: number;
      try {
        // Loaded here, not at the top: every other command (e.g. the MCP `server`) skips Fastify,
        // prom-client, the agent and the host.
        const [{ loadServiceConfig }, { startService }] = await Promise.all([
          import('./config.js'),
          import('./service.js'),
        ]);
        const config = await loadServiceConfig(flags.serviceConfig);
        graceMs = config.shutdownGraceMs;
        service = await startService({
          port: flags.port,
          host: flags.host,
          mcpConfigPath: resolve(flags.config),
          ...(flags.policy && { policyPath: resolve(flags.policy) }),
          config,
          stateDir: resolve(flags.stateDir ?? defaultStateDir(env)),
          tokens,
          anthropic: {},
          log,
        });
      } catch (err) {
        const { describeStartupError } = await import('./startup-error.js');
        const failure = describeStartupError(err, flags);
        // Config mistakes and a taken port are the user's to fix: one line, no stack trace.
        if (!failure.expected) log.error({ err }, 'service failed to start');
        fail(failure.message, failure.exitCode);
      }
      process.stderr.write(`${PREFIX}: listening on ${service.url}\n`);
      // Running runs get `graceMs` to finish; the force exit leaves room beyond it for closing the MCP servers.
      closeOnSignals(() => service.close(), { log, forceExitMs: graceMs + 15_000 });
    });
}
