import Anthropic from '@anthropic-ai/sdk';
import { AgentConfigError } from './config.js';

const DEFAULT_BASE_URL = 'https://api.anthropic.com';

export interface AnthropicClientOptions {
  /** Default `ANTHROPIC_API_KEY`. */
  apiKey?: string;
  /** Default `ANTHROPIC_BASE_URL`, else the public API (no trailing `/v1`: the SDK adds it). */
  baseURL?: string;
  /** SDK retries for 408/409/429/5xx and connection errors (honouring `retry-after(-ms)`); default 2. */
  maxRetries?: number;
  /** Per API request; default the SDK's 10 minutes (the run deadline usually ends a run sooner). */
  timeoutMs?: number;
  /** For instrumentation (e.g. metrics around each API request). */
  fetch?: typeof fetch;
  env?: NodeJS.ProcessEnv;
}

/**
 * An Anthropic client with an explicit key. Without one the SDK would fall back to profile/credential
 * resolution and fail later with a message about credential files; this fails now and says what to set.
 */
export function createAnthropicClient(options: AnthropicClientOptions = {}): Anthropic {
  const env = options.env ?? process.env;
  const apiKey = options.apiKey?.trim() || env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey) {
    // Configuration, not a failed call: the CLIs exit 2 for it, as for any missing setting.
    throw new AgentConfigError(
      'No Anthropic API key: set ANTHROPIC_API_KEY (or run `npm start` for the offline demo with the simulated Claude)',
    );
  }
  const baseURL = options.baseURL?.trim() || env.ANTHROPIC_BASE_URL?.trim() || DEFAULT_BASE_URL;
  if (!URL.canParse(baseURL)) {
    const source = options.baseURL?.trim() ? 'baseURL' : 'ANTHROPIC_BASE_URL';
    throw new AgentConfigError(`${source}: not a URL: "${baseURL}" (e.g. https://api.anthropic.com)`);
  }
  return new Anthropic({
    apiKey,
    // A pasted `…/v1` would double up: the SDK appends `/v1/messages` itself.
    baseURL: baseURL.replace(/\/+$/, '').replace(/\/v1$/, ''),
    ...(options.maxRetries !== undefined && { maxRetries: options.maxRetries }),
    ...(options.timeoutMs !== undefined && { timeout: options.timeoutMs }),
    ...(options.fetch && { fetch: options.fetch }),
  });
}
