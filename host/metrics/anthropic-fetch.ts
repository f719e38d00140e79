import type { ServiceMetrics } from './service-metrics.js';

/**
 * A `fetch` for the Anthropic client that times each API request until its body has been read to the
 * end — for a streamed message that is the whole generation, not just the time to headers.
 */
export function instrumentedFetch(metrics: ServiceMetrics, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const stop = metrics.anthropicDuration.startTimer();
    let res: Response;
    try {
      res = await base(input, init);
    } catch (err) {
      stop({ status: 'error' });
      throw err;
    }
    const status = String(res.status);
    if (!res.body) {
      stop({ status });
      return res;
    }
    let done = false;
    const finish = () => {
      if (!done) stop({ status });
      done = true;
    };
    const body = res.body.pipeThrough(new TransformStream({ flush: finish }));
    // A consumer that stops reading early (abort) never reaches flush: count it when the signal fires.
    init?.signal?.addEventListener('abort', finish, { once: true });
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
