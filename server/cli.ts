import type { Command } from 'commander';
import { exitWithError, parsePort } from '../shared/cli-options.js';
import { MIN_TOKEN_LENGTH, readEnv, tokenProblem } from '../shared/env.js';
import { createLogger } from '../shared/logger.js';
import {
  DEFAULT_HTTP_MAX_SESSIONS,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  ENV,
  loadServerConfig,
  readHttpMaxSessions,
  UPSTREAM_DEFAULTS,
  type UpstreamName,
  upstreamEnvName,
} from './config.js';
import { type HttpOptions, runHttp } from './http/run-http.js';
import { runStdio } from './stdio.js';
import { LastGoodStore } from './store/last-good-store.js';

export const DEFAULT_HTTP_PORT = 3000;

interface ServerOptions {
  http?: boolean;
  port: number;
  host: string;
  token?: string;
  allowedHosts?: string[];
  stateDir?: string;
}

const parseList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const ENV_ROWS: Array<[string, string]> = [
  [ENV.upstreamUrl, 'base URL of the upstream simulator; each API is then <url>/<name>'],
  ...Object.entries(UPSTREAM_DEFAULTS).map(([name, url]): [string, string] => [
    upstreamEnvName(name as UpstreamName),
    `base URL of one API (wins over the above; default ${url})`,
  ]),
  [ENV.finnhubApiKey, 'Finnhub API key for get_stock_quote (the simulator needs none)'],
  [
    ENV.upstreamTimeoutMs,
    `most time one call waits on upstream APIs, ms (default ${DEFAULT_UPSTREAM_TIMEOUT_MS})`,
  ],
  [ENV.stateDir, 'directory of last-good.json (default $XDG_STATE_HOME/resilient-mcp or'],
  ['', '~/.local/state/resilient-mcp); --state-dir wins'],
  [
    ENV.token,
    `bearer token for --http (${MIN_TOKEN_LENGTH}+ characters); preferred over --token (not in ps)`,
  ],
  [
    ENV.httpMaxSessions,
    `most HTTP sessions at once (default ${DEFAULT_HTTP_MAX_SESSIONS}); a full pool closes`,
  ],
  ['', 'its least recently used idle session, and answers 503 only when all are busy'],
  ['LOG_LEVEL', 'level of the JSON logs on stderr (default info)'],
];
const ENV_WIDTH = Math.max(...ENV_ROWS.map(([name]) => name.length)) + 2;

const ENV_HELP = `
Environment (empty values count as unset):
${ENV_ROWS.map(([name, text]) => `  ${name.padEnd(ENV_WIDTH)}${text}`).join('\n')}

Examples:
  resilient-mcp server                        stdio, for Claude Desktop, Claude Code, MCP Inspector
  resilient-mcp server --http --port 0        Streamable HTTP at http://127.0.0.1:<port>/mcp
  ${ENV.upstreamUrl}=http://127.0.0.1:8790 resilient-mcp server
                                              offline, against \`resilient-mcp sim\``;

/** Registers `resilient-mcp server`. */
export function registerServerCommands(program: Command): void {
  program
    .command('server')
    .description(
      'Run the MCP tool server (get_weather, convert_currency, get_stock_quote, get_wikipedia_summary, each with an X_cached backup)',
    )
    .option('--http', 'serve Streamable HTTP at /mcp instead of stdio')
    .option('--port <n>', 'with --http: port (0 = any free port)', parsePort, DEFAULT_HTTP_PORT)
    .option('--host <host>', 'with --http: bind address; anything but loopback requires a token', '127.0.0.1')
    .option(
      '--token <token>',
      `with --http: require "Authorization: Bearer <token>" on /mcp, ${MIN_TOKEN_LENGTH}+ characters (env ${ENV.token})`,
    )
    .option(
      '--allowed-hosts <list>',
      'with --http: extra hostnames allowed in Host/Origin headers, comma-separated',
      parseList,
    )
    .option('--state-dir <dir>', `directory for last-good.json (env ${ENV.stateDir})`)
    .addHelpText('after', ENV_HELP)
    .action(async (options: ServerOptions, command: Command) => {
      const log = createLogger('resilient-mcp-server');
      let config: ReturnType<typeof loadServerConfig>;
      let http: HttpOptions | undefined;
      try {
        http = httpOptions(options, command, process.env);
        config = loadServerConfig(process.env, options.stateDir ? { stateDir: options.stateDir } : {});
      } catch (error) {
        exitWithError(`resilient-mcp server: ${(error as Error).message}`);
      }
      const store = await LastGoodStore.open({ stateDir: config.stateDir, log });
      log.info({ stateDir: config.stateDir, cached: store.size, upstreams: config.upstreams }, 'starting');
      const deps = { config, store, log };
      if (!http) return runStdio(deps);
      try {
        await runHttp(deps, http);
      } catch (error) {
        exitWithError(`resilient-mcp server: ${(error as Error).message}`);
      }
    });
}

/** The flags that only mean something with `--http`, by their commander option key. */
const HTTP_ONLY_FLAGS = {
  port: '--port',
  host: '--host',
  token: '--token',
  allowedHosts: '--allowed-hosts',
} as const;

/**
 * The HTTP settings, or undefined for stdio. Bad usage (an HTTP flag without `--http`, a short
 * `--token`) ends the command with exit 2; a bad environment variable throws.
 */
function httpOptions(
  options: ServerOptions,
  command: Command,
  env: NodeJS.ProcessEnv,
): HttpOptions | undefined {
  const usageError = (message: string): never =>
    command.error(`error: ${message}`, { exitCode: 2, code: 'resilient-mcp.usage' });
  if (!options.http) {
    const given = Object.entries(HTTP_ONLY_FLAGS)
      .filter(([key]) => command.getOptionValueSource(key) === 'cli')
      .map(([, flag]) => flag);
    if (given.length > 0) {
      usageError(
        `${given.join(', ')} ${given.length > 1 ? 'apply' : 'applies'} only to HTTP: add --http ` +
          '(without it the server speaks MCP over stdio)',
      );
    }
    return undefined;
  }
  const flagProblem = options.token === undefined ? undefined : tokenProblem(options.token);
  if (flagProblem) usageError(`--token ${flagProblem}`);
  const token = options.token ?? readEnv(env, ENV.token);
  const envProblem = options.token === undefined && token !== undefined ? tokenProblem(token) : undefined;
  if (envProblem) throw new Error(`${ENV.token} ${envProblem}`);
  return {
    host: options.host,
    port: options.port,
    maxSessions: readHttpMaxSessions(env),
    ...(token ? { token } : {}),
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
  };
}
