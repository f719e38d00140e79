/** Failures of the connection itself (not of a tool). Both are transient: a retry may succeed. */

/** The server went away while the call was in flight (stdio child died, HTTP session lost, network error). */
export class ConnectionLostError extends Error {
  readonly retryable = true;
  constructor(
    readonly server: string,
    detail: string,
  ) {
    super(`connection to server "${server}" lost (${detail})`);
    this.name = 'ConnectionLostError';
  }
}

/** The server is not connected and its last (re)connect attempt failed; calls fail fast instead of waiting. */
export class ServerUnavailableError extends Error {
  readonly retryable = false;
  constructor(
    readonly server: string,
    detail: string,
  ) {
    super(`server "${server}" is unavailable (${detail})`);
    this.name = 'ServerUnavailableError';
  }
}

/** The HTTP endpoint answered a request with an error status (e.g. a proxy's 502); 429 and 5xx may pass. */
export class HttpStatusError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly server: string,
    readonly status: number,
  ) {
    super(`server "${server}" answered HTTP ${status}`);
    this.name = 'HttpStatusError';
    this.retryable = status === 429 || status >= 500;
  }
}
