import { createServer, type ServerResponse } from 'node:http';
import { listen, urlHostname } from '../../shared/listen.js';
import { createLogger } from '../../shared/logger.js';
import { CONTROL_PREFIX, handleControl } from './control.js';
import { type Failure, type Fault, type FaultConfig, FaultTable } from './faults.js';
import { sendJson } from './http-io.js';
import { isRouteName, ROUTES, type RouteName } from './routes/index.js';
import { type SimStats, StatsTable } from './stats.js';

export { Fault, FaultConfig } from './faults.js';
export { ROUTE_NAMES, type RouteName } from './routes/index.js';
export type { RouteStats, SimStats } from './stats.js';

export interface UpstreamSimOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  faults?: FaultConfig;
}

export interface UpstreamSim {
  /** Base URL, e.g. `http://127.0.0.1:40123`; route `r` lives at `${url}/r`. */
  url: string;
  setFault(route: RouteName, fault: Fault | null): void;
  clearFaults(): void;
  faults(): FaultConfig;
  stats(): SimStats;
  resetStats(): void;
  /** Stops listening and destroys open connections (hanging requests included). */
  close(): Promise<void>;
}

const log = createLogger('sim-upstream');

/** Answers one API request as its fault decision says (a real answer, an error, junk, or nothing). */
function answer(res: ServerResponse, route: RouteName, url: URL, failure: Failure | undefined): void {
  if (failure === 'hang') return; // never answer; the client's timeout or our close() ends it
  if (failure === 'malformed') {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end('{"results": [{"truncated": ');
    return;
  }
  const sim = ROUTES[route];
  const { status, body } = failure
    ? { status: failure.status, body: sim.errorBody(failure.status) }
    : sim.handle(url.pathname.slice(route.length + 1) || '/', url.searchParams);
  sendJson(res, status, body);
}

export async function startUpstreamSim(options: UpstreamSimOptions = {}): Promise<UpstreamSim> {
  const faults = new FaultTable(options.faults);
  const stats = new StatsTable();

  const handleApi = (res: ServerResponse, url: URL, route: RouteName): void => {
    const finish = stats.begin(route);
    res.on('close', () => finish(res.writableFinished ? 'completed' : 'aborted'));
    const decision = faults.decide(route, `${url.pathname}${url.search}`);
    log.debug({ route, target: `${url.pathname}${url.search}`, decision }, 'request');
    if (decision.latencyMs === 0) {
      answer(res, route, url, decision.failure);
      return;
    }
    const timer = setTimeout(() => answer(res, route, url, decision.failure), decision.latencyMs);
    res.once('close', () => clearTimeout(timer));
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      handleControl(req, res, url.pathname, faults, stats).catch((error: Error) => {
        if (!res.headersSent) sendJson(res, 400, { error: error.message });
      });
      return;
    }
    const route = url.pathname.split('/')[1] ?? '';
    if (isRouteName(route)) handleApi(res, url, route);
    else sendJson(res, 404, { error: `no simulated API under /${route}` });
  });

  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  const urlHost = urlHostname(host);

  return {
    url: `http://${urlHost}:${port}`,
    setFault: (route, fault) => faults.set(route, fault),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
