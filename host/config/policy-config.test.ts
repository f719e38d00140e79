import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './load-json.js';
import { buildPolicyConfig, callPolicyFor, loadPolicyConfig, serverPolicyFor } from './policy-config.js';
import { DEFAULT_CALL_POLICY, DEFAULT_SERVER_POLICY } from './policy-defaults.js';

describe('resilience policy', () => {
  it('has a default for every key', () => {
    const config = buildPolicyConfig({});
    expect(config.host).toEqual({
      turnDeadlineMs: 30_000,
      exposeBackups: false,
      cache: { ttlMs: 1_800_000, max: 500 },
    });
    expect(callPolicyFor(config, 'any', 'tool')).toEqual(DEFAULT_CALL_POLICY);
    expect(serverPolicyFor(config, 'any')).toEqual(DEFAULT_SERVER_POLICY);
    expect(DEFAULT_CALL_POLICY.timeoutMs).toBe(10_000);
    expect(DEFAULT_SERVER_POLICY.concurrency).toBe(5);
  });

  it('resolves defaults ← server ← tool, merging nested objects', () => {
    const config = buildPolicyConfig({
      defaults: { timeoutMs: 5_000, retry: { maxAttempts: 2 }, concurrency: 3 },
      servers: {
        s: {
          timeoutMs: 4_000,
          trustAnnotations: true,
          retry: { baseDelayMs: 50 },
          tools: { t: { timeoutMs: 1_000, idempotent: false, rateLimit: { perSecond: 2 } } },
        },
      },
    });
    expect(callPolicyFor(config, 's', 't')).toMatchObject({
      timeoutMs: 1_000,
      idempotent: false,
      rateLimit: { perSecond: 2 },
      retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 2_000 },
    });
    expect(callPolicyFor(config, 's', 'other')).toMatchObject({ timeoutMs: 4_000, idempotent: null });
    expect(callPolicyFor(config, 'x', 'other').timeoutMs).toBe(5_000);
    expect(serverPolicyFor(config, 's')).toMatchObject({ concurrency: 3, trustAnnotations: true });
  });

  it('rejects unknown keys and bad values, naming the field', () => {
    expect(() => buildPolicyConfig({ defaults: { timeoutMs: -1 } })).toThrow(/defaults\.timeoutMs/);
    expect(() => buildPolicyConfig({ defaults: { retyr: {} } } as never)).toThrow(/Unrecognized key.*retyr/);
    expect(() =>
      buildPolicyConfig({ servers: { s: { retry: { baseDelayMs: 500, maxDelayMs: 100 } } } }),
    ).toThrow(/retry\.maxDelayMs: must be >= retry\.baseDelayMs/);
  });

  it('rejects bad defaults when the policy is built, naming `defaults`, not a server', () => {
    expect(() => buildPolicyConfig({ defaults: { retry: { baseDelayMs: 5_000, maxDelayMs: 100 } } })).toThrow(
      /: defaults\.retry\.maxDelayMs: must be >= retry\.baseDelayMs/,
    );
  });

  it('loads the file, finds resilience.json beside mcp.json, and merges in-code overrides', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-'));
    try {
      const file = path.join(dir, 'resilience.json');
      await writeFile(file, JSON.stringify({ turnDeadlineMs: 9_000, defaults: { timeoutMs: 3_000 } }));
      const explicit = await loadPolicyConfig({
        policyPath: file,
        policy: { defaults: { backupTimeoutMs: 500 } },
      });
      expect(explicit.host.turnDeadlineMs).toBe(9_000);
      expect(callPolicyFor(explicit, 's', 't')).toMatchObject({ timeoutMs: 3_000, backupTimeoutMs: 500 });
      const sidecar = await loadPolicyConfig({ mcpConfigPath: path.join(dir, 'mcp.json') });
      expect(sidecar.source).toBe(file);
      await writeFile(file, JSON.stringify({ defaults: { timeoutMs: 'soon' } }));
      const error = await loadPolicyConfig({ policyPath: file }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect(String(error)).toContain(`${file}: defaults.timeoutMs`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
