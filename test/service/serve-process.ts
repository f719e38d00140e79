import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(REPO, 'dist/bin/resilient-mcp.js');

export interface ServeFixture {
  dir: string;
  upstreamUrl: string;
  policy?: unknown;
  service?: unknown;
}

/** Writes mcp.json (our server over stdio, pointed at the simulator), resilience.json and service.json. */
export async function writeFixture({ dir, upstreamUrl, policy, service }: ServeFixture): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const mcp = {
    mcpServers: {
      tools: {
        command: process.execPath,
        args: [CLI, 'server'],
        env: {
          RESILIENT_MCP_UPSTREAM_URL: upstreamUrl,
          RESILIENT_MCP_STATE_DIR: join(dir, 'server-state'),
          LOG_LEVEL: 'warn',
        },
      },
    },
  };
  await writeFile(join(dir, 'mcp.json'), JSON.stringify(mcp));
  const args = ['--config', join(dir, 'mcp.json'), '--state-dir', join(dir, 'service-state')];
  if (policy) {
    await writeFile(join(dir, 'resilience.json'), JSON.stringify(policy));
    args.push('--policy', join(dir, 'resilience.json'));
  }
  if (service) {
    await writeFile(join(dir, 'service.json'), JSON.stringify(service));
    args.push('--service-config', join(dir, 'service.json'));
  }
  return args;
}

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Every stderr line so far (pino JSON and the listening line). */
  lines: string[];
  /** PIDs of the child's descendants (MCP servers) at the time of the call. */
  descendants(): number[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  kill(): Promise<void>;
}

/** `pgrep -P`, recursively: every descendant of a process. */
export function descendantsOf(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // pgrep exits 1 when there is none
  }
  const children = out.split('\n').filter(Boolean).map(Number);
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts `resilient-mcp serve --port 0 …` and waits for its listening line. */
export async function startServe(args: string[], env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines: string[] = [];
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const known = new Set<number>();
  const descendants = () => {
    if (child.pid) for (const pid of descendantsOf(child.pid)) known.add(pid);
    return [...known];
  };
  const kill = async () => {
    const all = descendants();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    for (const pid of all) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  };
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${lines.join('\n')}`)), 20_000);
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(line);
      const match = /^resilient-mcp serve: listening on (http:\/\/\S+)$/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening:\n${lines.join('\n')}`));
    });
  });
  descendants();
  return { url, child, lines, descendants, exited, kill };
}

/** Runs `resilient-mcp serve …` that is expected to refuse to start: its exit code and stderr lines. */
export async function serveFailure(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; lines: string[] }> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  // It should fail fast; a serve that starts after all must not be left running.
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  if (!child.stderr?.readableEnded) await once(child.stderr as NodeJS.ReadableStream, 'end');
  return { code: code as number | null, lines: stderr.split('\n').filter(Boolean) };
}
