import path from 'node:path';
import { callPolicyFor, loadPolicyConfig, type PolicyConfig } from '../config/policy-config.js';
import type { CatalogEntry } from '../index.js';
import { failCommand, type HostFlags, openHost } from './host-options.js';

export interface ToolsFlags extends HostFlags {
  json: boolean;
  all: boolean;
}

/** A catalog entry with the call policy in force for it. */
function describe(entry: CatalogEntry, policy: PolicyConfig) {
  const call = callPolicyFor(policy, entry.server, entry.mcpTool);
  return {
    tool: entry.name,
    server: entry.server,
    backup: entry.backup ?? null,
    backupFor: entry.backupFor ?? null,
    hidden: entry.hidden,
    idempotent: entry.idempotent,
    timeoutMs: call.timeoutMs,
    maxAttempts: entry.idempotent ? call.retry.maxAttempts : 1,
    breakerThreshold: call.breaker.threshold,
    rateLimitPerSecond: call.rateLimit?.perSecond ?? null,
    description: entry.title ?? entry.description?.split('\n')[0] ?? '',
  };
}

function table(rows: ReturnType<typeof describe>[]): string {
  const header = ['TOOL', 'SERVER', 'BACKUP', 'IDEMPOTENT', 'TIMEOUT', 'ATTEMPTS', 'BREAKER', 'RATE'];
  const cells = rows.map((r) => [
    r.hidden ? `(${r.tool})` : r.tool,
    r.server,
    r.backup ?? (r.backupFor ? `backs up ${r.backupFor}` : '-'),
    r.idempotent ? 'yes' : 'no',
    `${r.timeoutMs} ms`,
    String(r.maxAttempts),
    `${r.breakerThreshold} fails`,
    r.rateLimitPerSecond === null ? '-' : `${r.rateLimitPerSecond}/s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...cells.map(line)].join('\n');
}

/** `resilient-mcp tools`: prints the catalog with the policy in force for each tool. */
export async function toolsAction(flags: ToolsFlags): Promise<void> {
  try {
    const policy = await loadPolicyConfig({
      mcpConfigPath: path.resolve(flags.config),
      ...(flags.policy && { policyPath: path.resolve(flags.policy) }),
    });
    const host = await openHost(flags);
    const entries = host.catalog.entries().filter((e) => flags.all || !e.hidden);
    const rows = entries.map((e) => describe(e, policy));
    await host.close();
    process.stdout.write(flags.json ? `${JSON.stringify(rows, null, 2)}\n` : `${table(rows)}\n`);
  } catch (error) {
    failCommand('tools', error);
  }
}
