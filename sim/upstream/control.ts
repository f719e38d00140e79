import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { Fault, type FaultTable } from './faults.js';
import { readBody, sendJson } from './http-io.js';
import { isRouteName } from './routes/index.js';
import type { StatsTable } from './stats.js';

export const CONTROL_PREFIX = '/_sim/';

interface Reply {
  status: number;
  body: unknown;
}

/** The request's fault, or the reason it is not one. */
async function parseFault(req: IncomingMessage): Promise<{ fault: Fault } | { error: string }> {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch (error) {
    return { error: `fault body is not JSON: ${(error as Error).message}` };
  }
  const parsed = Fault.safeParse(body);
  return parsed.success
    ? { fault: parsed.data }
    : { error: `invalid fault: ${z.prettifyError(parsed.error)}` };
}

async function route(
  req: IncomingMessage,
  path: string,
  faults: FaultTable,
  stats: StatsTable,
): Promise<Reply> {
  const method = req.method ?? 'GET';
  const target = path.slice(CONTROL_PREFIX.length);
  const notAllowed = { status: 405, body: { error: `${method} not allowed on ${path}` } };
  if (target === 'stats') {
    if (method === 'DELETE') stats.reset();
    return method === 'GET' || method === 'DELETE' ? { status: 200, body: stats.snapshot() } : notAllowed;
  }
  if (target === 'faults') {
    if (method === 'DELETE') faults.clear();
    return method === 'GET' || method === 'DELETE' ? { status: 200, body: faults.list() } : notAllowed;
  }
  const name = target.match(/^faults\/([^/]+)$/)?.[1];
  if (name === undefined) return { status: 404, body: { error: `unknown control path ${path}` } };
  if (!isRouteName(name)) return { status: 404, body: { error: `unknown route "${name}"` } };
  if (method === 'DELETE') faults.set(name, null);
  else if (method === 'PUT') {
    const parsed = await parseFault(req);
    if ('error' in parsed) return { status: 400, body: parsed };
    faults.set(name, parsed.fault);
  } else return notAllowed;
  return { status: 200, body: faults.list() };
}

/**
 * The run-time control API: `GET|DELETE /_sim/faults`, `PUT|DELETE /_sim/faults/{route}`,
 * `GET|DELETE /_sim/stats`. Every answer is JSON; fault changes answer with the whole fault table.
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  faults: FaultTable,
  stats: StatsTable,
): Promise<void> {
  const { status, body } = await route(req, path, faults, stats);
  sendJson(res, status, body);
}
