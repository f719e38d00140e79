import type { Command } from 'commander';
import { exitWithError, parsePort } from '../shared/cli-options.js';
import { createLogger } from '../shared/logger.js';
import {
  DEFAULT_HTTP_MAX_SESSIONS,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  ENV,
  loadServerConfig,
  readEnv,
  readHttpMaxSessions,
  UPSTREAM_DEFAULTS,
  type UpstreamName,
  upstreamEnvName,
} from './config.js';
import { runHttp } from './http/run-http.js';
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
  [ENV.token, 'bearer token for --http; preferred over --token (not visible in ps)'],
  [
    ENV.httpMaxSessions,
    `most HTTP sessions at once (default ${DEFAULT_HTTP_MAX_SESSIONS}); when full, the least recently`,
  ],
  ['', 'used idle one is closed, and only when all are busy is a new client refused (503)'],
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
    .option('--port <n>', 'HTTP port (0 = any free port)', parsePort, DEFAULT_HTTP_PORT)
    .option('--host <host>', 'HTTP bind address; anything but loopback requires a token', '127.0.0.1')
    .option('--token <token>', `require "Authorization: Bearer <token>" on /mcp (env ${ENV.token})`)
    .option(
      '--allowed-hosts <list>',
      'extra hostnames allowed in Host/Origin headers, comma-separated',
      parseList,
    )
    .option('--state-dir <dir>', `directory for last-good.json (env ${ENV.stateDir})`)
    .addHelpText('after', ENV_HELP)
    .action(async (options: ServerOptions) => {
      const log = createLogger('resilient-mcp-server');
      let config: ReturnType<typeof loadServerConfig>;
      try {
        config = loadServerConfig(process.env, options.stateDir ? { stateDir: options.stateDir } : {});
      } catch (error) {
        exitWithError(`resilient-mcp server: ${(error as Error).message}`);
      }
      const store = await LastGoodStore.open({ stateDir: config.stateDir, log });
      log.info({ stateDir: config.stateDir, cached: store.size, upstreams: config.upstreams }, 'starting');
      const deps = { config, store, log };
      if (!options.http) return runStdio(deps);
      const token = options.token ?? readEnv(process.env, ENV.token);
      try {
        await runHttp(deps, {
          host: options.host,
          port: options.port,
          maxSessions: readHttpMaxSessions(process.env),
          ...(token ? { token } : {}),
          ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
        });
      } catch (error) {
        exitWithError(`resilient-mcp server: ${(error as Error).message}`);
      }
    });
}
