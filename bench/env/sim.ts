import { fileURLToPath } from 'node:url';
import { spawnListening, stopChild } from './child.js';

const SIM_SCRIPT = fileURLToPath(new URL('./sim-process.js', import.meta.url));

/** The simulator's fault model (docs/architecture.md); only the fields the bench uses are typed. */
export interface SimFault {
  latencyMs?: number;
  status?: number;
  hang?: boolean;
  match?: string;
}

export type SimRoute = 'geocoding' | 'forecast' | 'currency' | 'stock' | 'wikipedia';
export const SIM_ROUTES: readonly SimRoute[] = ['geocoding', 'forecast', 'currency', 'stock', 'wikipedia'];

export interface RouteStats {
  requests: number;
  completed: number;
  aborted: number;
  inFlight: number;
}
export type SimStats = Partial<Record<SimRoute, RouteStats>>;

export interface Sim {
  url: string;
  setFault(route: SimRoute, fault: SimFault | null): Promise<void>;
  clearFaults(): Promise<void>;
  stats(): Promise<SimStats>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the upstream simulator as its own child process (`sim-process.ts`) and drives it through its
 * HTTP control API. Out of process, its work does not land on the bench's event loop, where it would
 * blur the per-call overhead S4 measures.
 */
export async function startSim(): Promise<Sim> {
  const { child, url } = await spawnListening(SIM_SCRIPT, [], { LOG_LEVEL: 'warn' }, 'stdout');
  return simClient(url, () => stopChild(child));
}

function simClient(url: string, close: () => Promise<void>): Sim {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`bench: simulator ${method} ${path} answered ${response.status}`);
    return response.status === 204 ? undefined : response.json();
  };
  return {
    url,
    setFault: async (route, fault) => {
      await (fault ? call('PUT', `/_sim/faults/${route}`, fault) : call('DELETE', `/_sim/faults/${route}`));
    },
    clearFaults: async () => {
      await call('DELETE', '/_sim/faults');
    },
    stats: async () => (await call('GET', '/_sim/stats')) as SimStats,
    resetStats: async () => {
      await call('DELETE', '/_sim/stats');
    },
    close,
  };
}
