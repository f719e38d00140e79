/** What a simulated API answers: an HTTP status and a JSON body (in the real API's shape). */
export interface SimResponse {
  status: number;
  body: unknown;
}

/** One simulated upstream API, mounted under `/<name>` on the simulator. */
export interface SimRoute {
  name: string;
  /** Answers a request; `path` is relative to the route's prefix (e.g. `/v1/search`). */
  handle(path: string, query: URLSearchParams): SimResponse;
  /** The real API's error body for an injected HTTP status. */
  errorBody(status: number): unknown;
}

export const ok = (body: unknown): SimResponse => ({ status: 200, body });

/** Standard reason phrase for the error bodies of injected faults. */
export function reason(status: number): string {
  const reasons: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return reasons[status] ?? `HTTP ${status}`;
}
