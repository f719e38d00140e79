import { ConfigError } from '../config/load-json.js';
import type { PolicyConfig } from '../config/policy-config.js';

/**
 * Keys of a call policy that one server's tools share: a server has one retry budget (as it has one
 * bulkhead), so a value set for a single tool could not apply to that tool alone. The schema accepts
 * `retry.budget` in every call layer; here a per-tool value is refused rather than silently ignored
 * (`concurrency` and `queue` are server keys, which the schema already refuses in a tool).
 */
export function assertServerScopedKeys(config: PolicyConfig): void {
  for (const [server, layer] of Object.entries(config.servers)) {
    for (const [tool, toolLayer] of Object.entries(layer.tools ?? {})) {
      if (toolLayer.retry?.budget === undefined) continue;
      throw new ConfigError(
        config.source,
        `servers.${server}.tools.${tool}.retry.budget: the retry budget is shared by every tool of a server; set it in servers.${server}.retry.budget or defaults.retry.budget`,
      );
    }
  }
}
