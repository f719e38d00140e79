import path from 'node:path';
import { z } from 'zod';
import { expandEnv } from './env-expand.js';
import { ConfigError, readJsonFile, validateConfig } from './load-json.js';

/**
 * `mcp.json` in the Claude Desktop / Claude Code `mcpServers` format. Unknown keys are allowed (other
 * hosts keep their own settings in the same file); the ones we use are validated strictly.
 */

export const StdioServerSchema = z.looseObject({
  type: z.literal('stdio').optional(),
  command: z.string().min(1, 'must be a non-empty command'),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  /** Working directory; relative paths resolve against the mcp.json directory (also the default). */
  cwd: z.string().optional(),
});

export const HttpServerSchema = z.looseObject({
  type: z.enum(['http', 'streamable-http']),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  headers: z.record(z.string(), z.string()).default({}),
});

const McpConfigFileSchema = z.looseObject({
  mcpServers: z.record(z.string().min(1), z.record(z.string(), z.unknown())),
});

export type StdioServerConfig = z.infer<typeof StdioServerSchema> & { transport: 'stdio'; cwd: string };
export type HttpServerConfig = z.infer<typeof HttpServerSchema> & { transport: 'http' };
export type ServerConfig = StdioServerConfig | HttpServerConfig;

export interface McpConfig {
  file: string;
  servers: Record<string, ServerConfig>;
}

/** Reads, expands (`${VAR}`, `${VAR:-default}`) and validates an mcp.json file. */
export async function loadMcpConfig(file: string, env: NodeJS.ProcessEnv = process.env): Promise<McpConfig> {
  return parseMcpConfig(file, await readJsonFile(file), env);
}

/** Validates already-parsed mcp.json content; `file` locates relative paths and names errors. */
export function parseMcpConfig(file: string, json: unknown, env: NodeJS.ProcessEnv): McpConfig {
  const parsed = validateConfig(file, McpConfigFileSchema, json);
  const baseDir = path.dirname(path.resolve(file));
  const servers: Record<string, ServerConfig> = {};
  for (const [name, raw] of Object.entries(parsed.mcpServers)) {
    servers[name] = parseServer(file, name, raw, env, baseDir);
  }
  return { file, servers };
}

function parseServer(
  file: string,
  name: string,
  raw: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  baseDir: string,
): ServerConfig {
  const where = `mcpServers.${name}`;
  const expanded = expandTree(raw, env, file, where);
  const type = expanded.type;
  if (type === 'sse') {
    throw new ConfigError(file, `${where}.type: "sse" is not supported; use "http" (Streamable HTTP)`);
  }
  const isHttp = type === 'http' || type === 'streamable-http' || (type === undefined && 'url' in expanded);
  if (isHttp) {
    const http = validateConfig(file, HttpServerSchema, { type: 'http', ...expanded }, where);
    return { ...http, transport: 'http' };
  }
  if (expanded.command === undefined) {
    // Unknown keys are allowed, so a misspelt "command" would otherwise only read as "undefined".
    const known = new Set([...Object.keys(StdioServerSchema.shape), ...Object.keys(HttpServerSchema.shape)]);
    const unknown = Object.keys(expanded).filter((key) => !known.has(key));
    const hint = unknown.length ? `; unrecognised keys here: ${unknown.join(', ')}` : '';
    throw new ConfigError(file, `${where}.command: required for a stdio server ("url" for HTTP)${hint}`);
  }
  const stdio = validateConfig(file, StdioServerSchema, expanded, where);
  // Keys that expanded to '' (`"${VAR:-}"`) mean "not set": pass nothing rather than an empty value.
  const childEnv = Object.fromEntries(Object.entries(stdio.env).filter(([, v]) => v !== ''));
  const cwd = stdio.cwd ? path.resolve(baseDir, stdio.cwd) : baseDir;
  return { ...stdio, env: childEnv, cwd, transport: 'stdio' };
}

/** Expands placeholders in every string of a JSON tree, naming the field on error. */
function expandTree(
  value: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  file: string,
  where: string,
): Record<string, unknown> {
  const visit = (node: unknown, at: string): unknown => {
    if (typeof node === 'string') {
      try {
        return expandEnv(node, env, at);
      } catch (error) {
        throw new ConfigError(file, (error as Error).message);
      }
    }
    if (Array.isArray(node)) return node.map((item, i) => visit(item, `${at}[${i}]`));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v, `${at}.${k}`)]));
    }
    return node;
  };
  return visit(value, where) as Record<string, unknown>;
}
