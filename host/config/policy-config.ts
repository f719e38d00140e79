import { access } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type DeepPartial, deepMerge } from './deep-merge.js';
import { ConfigError, readJsonFile, validateConfig } from './load-json.js';
import { DEFAULT_CALL_POLICY, DEFAULT_HOST_POLICY, DEFAULT_SERVER_POLICY } from './policy-defaults.js';
import {
  type CallPolicy,
  CallPolicySchema,
  type HostPolicy,
  HostPolicySchema,
  type ServerPolicy,
  ServerPolicySchema,
} from './policy-schema.js';

export type ToolPolicyInput = DeepPartial<CallPolicy>;
export type ServerPolicyInput = DeepPartial<CallPolicy & ServerPolicy> & {
  /** Per-tool overrides, keyed by the server's own (MCP) tool name. */
  tools?: Record<string, ToolPolicyInput>;
};
/** The shape of `resilience.json`, also accepted in code (`HostOptions.policy`). Every key is optional. */
export type PolicyConfigInput = DeepPartial<HostPolicy> & {
  $schema?: string;
  /** Applies to every server and tool unless overridden. */
  defaults?: DeepPartial<CallPolicy & ServerPolicy>;
  servers?: Record<string, ServerPolicyInput>;
};

/** Turns a full schema into one where every key, at every depth, may be left out. */
function partialDeep(schema: z.ZodType): z.ZodType {
  if (!(schema instanceof z.ZodObject)) return schema;
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, value]) => [key, partialDeep(value as z.ZodType).optional()]),
  );
  return z.strictObject(shape);
}

const CallLayerSchema = partialDeep(CallPolicySchema);
const ServerCallLayerSchema = partialDeep(CallPolicySchema.extend(ServerPolicySchema.shape));

export const PolicyFileSchema = (partialDeep(HostPolicySchema) as z.ZodObject)
  .extend({
    $schema: z.string().optional(),
    defaults: ServerCallLayerSchema.optional(),
    servers: z
      .record(
        z.string(),
        (ServerCallLayerSchema as z.ZodObject).extend({
          tools: z.record(z.string(), CallLayerSchema).optional(),
        }),
      )
      .optional(),
  })
  .strict() as unknown as z.ZodType<PolicyConfigInput>;

/** The merged policy (file ← in-code overrides) with every default filled in. */
export interface PolicyConfig {
  host: HostPolicy;
  defaults: CallPolicy & ServerPolicy;
  servers: Record<string, ServerPolicyInput>;
  /** Where the file came from (for error messages), if there was one. */
  source: string;
}

const SERVER_KEYS = Object.keys(ServerPolicySchema.shape);

function splitServerKeys(layer: DeepPartial<CallPolicy & ServerPolicy> & { tools?: unknown } = {}) {
  const call: Record<string, unknown> = {};
  const server: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(layer)) {
    if (key === 'tools') continue;
    (SERVER_KEYS.includes(key) ? server : call)[key] = value;
  }
  return { call: call as DeepPartial<CallPolicy>, server: server as DeepPartial<ServerPolicy> };
}

/**
 * Loads the policy: `policyPath` if given, else `resilience.json` beside mcp.json if present, else
 * defaults; then in-code overrides on top. Every layer is validated; errors name the file and field.
 */
export async function loadPolicyConfig(opts: {
  policyPath?: string;
  mcpConfigPath?: string;
  policy?: PolicyConfigInput;
}): Promise<PolicyConfig> {
  const file = opts.policyPath ?? (await findSidecar(opts.mcpConfigPath));
  const fromFile = file ? validateConfig(file, PolicyFileSchema, await readJsonFile(file)) : {};
  const fromCode = opts.policy
    ? validateConfig('policy (in-code overrides)', PolicyFileSchema, opts.policy)
    : {};
  return buildPolicyConfig(deepMerge<PolicyConfigInput>(fromFile, fromCode), file ?? 'built-in defaults');
}

async function findSidecar(mcpConfigPath: string | undefined): Promise<string | undefined> {
  if (!mcpConfigPath) return undefined;
  const candidate = path.join(path.dirname(path.resolve(mcpConfigPath)), 'resilience.json');
  return access(candidate).then(
    () => candidate,
    () => undefined,
  );
}

/** Fills in defaults and checks that the merged result is still valid. */
export function buildPolicyConfig(input: PolicyConfigInput, source = 'policy'): PolicyConfig {
  const { defaults, servers, $schema: _schema, ...hostLayer } = input;
  const host = validateConfig(source, HostPolicySchema, deepMerge(DEFAULT_HOST_POLICY, hostLayer));
  const split = splitServerKeys(defaults);
  const config: PolicyConfig = {
    host,
    defaults: {
      ...validateConfig(source, CallPolicySchema, deepMerge(DEFAULT_CALL_POLICY, split.call), 'defaults'),
      ...validateConfig(
        source,
        ServerPolicySchema,
        deepMerge(DEFAULT_SERVER_POLICY, split.server),
        'defaults',
      ),
    },
    servers: servers ?? {},
    source,
  };
  checkRetryDelays(config.defaults.retry, source, 'defaults');
  // Resolve every configured server and tool once so a bad combination fails at startup.
  for (const [server, layer] of Object.entries(config.servers)) {
    serverPolicyFor(config, server);
    callPolicyFor(config, server, '');
    for (const [tool, toolLayer] of Object.entries(layer.tools ?? {})) {
      // A server has one retry budget (as it has one bulkhead): a per-tool value could not apply to that
      // tool alone, so it is refused rather than silently ignored. (`concurrency`/`queue` are server keys,
      // which the schema already refuses in a tool.)
      if (toolLayer.retry?.budget !== undefined) {
        throw new ConfigError(
          source,
          `servers.${server}.tools.${tool}.retry.budget: the retry budget is shared by every tool of a server; set it in servers.${server}.retry.budget or defaults.retry.budget`,
        );
      }
      callPolicyFor(config, server, tool);
    }
  }
  return config;
}

/**
 * Resolved policies per built config. A PolicyConfig is never changed once built, and resolving (deep
 * merge + zod parse) is asked for on every call and every catalog rebuild, so each answer is kept.
 */
const resolved = new WeakMap<PolicyConfig, Map<string, CallPolicy | ServerPolicy>>();

function memo<T extends CallPolicy | ServerPolicy>(config: PolicyConfig, key: string, resolve: () => T): T {
  let cache = resolved.get(config);
  if (!cache) {
    cache = new Map();
    resolved.set(config, cache);
  }
  let value = cache.get(key) as T | undefined;
  if (!value) {
    value = resolve();
    cache.set(key, value);
  }
  return value;
}

/** The call policy of `tool` on `server`: defaults ← server ← tool. */
export function callPolicyFor(config: PolicyConfig, server: string, tool: string): CallPolicy {
  return memo(config, `call\u0000${server}\u0000${tool}`, () => resolveCallPolicy(config, server, tool));
}

function resolveCallPolicy(config: PolicyConfig, server: string, tool: string): CallPolicy {
  const serverLayer = config.servers[server];
  const merged = deepMerge<CallPolicy>(
    config.defaults,
    splitServerKeys(serverLayer).call,
    serverLayer?.tools?.[tool],
  );
  // Name the most specific layer that exists: an unconfigured server inherits `defaults` as they are.
  const where = serverLayer?.tools?.[tool]
    ? `servers.${server}.tools.${tool}`
    : serverLayer
      ? `servers.${server}`
      : 'defaults';
  const policy = validateConfig(config.source, CallPolicySchema.strip(), merged, where);
  checkRetryDelays(policy.retry, config.source, where);
  return policy;
}

function checkRetryDelays(retry: CallPolicy['retry'], source: string, where: string): void {
  if (retry.maxDelayMs < retry.baseDelayMs) {
    throw new ConfigError(source, `${where}.retry.maxDelayMs: must be >= retry.baseDelayMs`);
  }
}

/** The connection policy of `server`: defaults ← server. */
export function serverPolicyFor(config: PolicyConfig, server: string): ServerPolicy {
  return memo(config, `server\u0000${server}`, () => resolveServerPolicy(config, server));
}

function resolveServerPolicy(config: PolicyConfig, server: string): ServerPolicy {
  const merged = deepMerge<ServerPolicy>(config.defaults, splitServerKeys(config.servers[server]).server);
  return validateConfig(config.source, ServerPolicySchema.strip(), merged, `servers.${server}`);
}
