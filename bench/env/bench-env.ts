import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { PolicyConfigInput } from '../../host/index.js';
import { naiveParallelContender, rawCallContender, sequentialContender } from '../contenders/naive.js';
import { type Ours, startOurs } from '../contenders/ours.js';
import { sdkToolRunnerContender } from '../contenders/sdk-tool-runner.js';
import type { CallContender, TurnContender } from '../contenders/types.js';
import type { BenchContext } from '../scenarios/types.js';
import { connectClient } from './client.js';
import { writeMcpConfig } from './mcp-config.js';
import { type ServerEndpoint, startServer } from './server.js';
import { type Sim, startSim } from './sim.js';

export interface EnvOptions {
  /** The server's upstream timeout; default 60 s so a hang stays a hang (like the SDK's 60 s default). */
  upstreamTimeoutMs?: number;
  /** Policy overrides for our host (`createHost({ policy })`); `{}` is the default policy. */
  policy?: PolicyConfigInput;
}

/** One scenario's world: a simulator, one server, and the contenders wired to them. */
export interface BenchEnv {
  sim: Sim;
  endpoint: ServerEndpoint;
  /** A fresh plain MCP client on the server (closed with the env). */
  client(name: string): Promise<Client>;
  /** Our host, created once per env with `opts.policy`. */
  ours(): Promise<Ours>;
  /** Contenders 1–4, each on its own connection to the same server; `onSequentialCall` times contender 1's calls. */
  turnContenders(onSequentialCall?: (tool: string, ms: number) => void): Promise<TurnContender[]>;
  /** Raw `callTool` and ours, for the per-call scenarios. */
  callContenders(): Promise<[CallContender, CallContender]>;
}

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 60_000;

/** Builds the env, runs `body`, and tears everything down (children stopped, temp dirs removed). */
export async function withBenchEnv<T>(
  ctx: BenchContext,
  opts: EnvOptions,
  body: (env: BenchEnv) => Promise<T>,
): Promise<T> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const track = <R>(resource: R, close: (r: R) => Promise<unknown>): R => {
    cleanups.push(() => close(resource));
    return resource;
  };
  try {
    const sim = track(await startSim(), (s) => s.close());
    const server = track(
      await startServer({
        transport: ctx.transport,
        upstreamUrl: sim.url,
        upstreamTimeoutMs: opts.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
      }),
      (s) => s.close(),
    );
    const client = async (name: string) =>
      track(await connectClient(server.endpoint, name), (c) => c.close());
    let ours: Promise<Ours> | undefined;
    const getOurs = () => {
      ours ??= (async () => {
        const config = track(await writeMcpConfig(server.endpoint), (c) => c.remove());
        return track(await startOurs(config.path, opts.policy ?? {}), (o) => o.host.close());
      })();
      return ours;
    };
    // Started up front (outside any timing). If it fails, a stand-in rejects every call with the reason,
    // which the scenario reports as a crash of `ours` while the other contenders still get measured.
    const oursOrStandIn = async (): Promise<Pick<Ours, 'turn' | 'call'>> => {
      try {
        return await getOurs();
      } catch (error) {
        const fail = async (): Promise<never> => {
          throw error;
        };
        return { turn: { name: 'ours', runTurn: fail }, call: { name: 'ours', call: fail } };
      }
    };
    const env: BenchEnv = {
      sim,
      endpoint: server.endpoint,
      client,
      ours: getOurs,
      turnContenders: async (onSequentialCall) => [
        sequentialContender(await client('bench-sequential'), onSequentialCall),
        naiveParallelContender(await client('bench-naive-parallel')),
        await sdkToolRunnerContender(await client('bench-sdk-tool-runner')),
        (await oursOrStandIn()).turn,
      ],
      callContenders: async () => [rawCallContender(await client('bench-raw')), (await oursOrStandIn()).call],
    };
    return await body(env);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => ctx.progress(`cleanup failed: ${(error as Error).message}`));
    }
  }
}
