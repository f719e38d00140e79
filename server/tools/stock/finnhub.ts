import { z } from 'zod';
import { ToolError } from '../../tool-error.js';
import type { QuoteProvider } from './quote-provider.js';

/** Finnhub `GET /v1/quote`: c current, d change, dp change %, h/l/o day high/low/open, pc previous close, t time. */
const FinnhubQuote = z.object({
  c: z.number(),
  d: z.number().nullable(),
  dp: z.number().nullable(),
  h: z.number(),
  l: z.number(),
  o: z.number(),
  pc: z.number(),
  t: z.number(),
});

export const finnhubProvider: QuoteProvider = {
  name: 'finnhub',
  async quote(symbol, { upstream, config }) {
    const quote = await upstream.getJson('stock', '/v1/quote', FinnhubQuote, {
      query: { symbol, token: config.finnhubApiKey },
      onStatus: (status) =>
        status === 401 || status === 403
          ? new ToolError(
              'upstream_status',
              `Finnhub refused the request (HTTP ${status}): the server needs a valid FINNHUB_API_KEY.`,
              { retryable: false, status },
            )
          : undefined,
    });
    // Finnhub answers unknown symbols with 200 and an all-zero quote.
    if (quote.t === 0 && quote.c === 0) return undefined;
    return {
      symbol,
      price: quote.c,
      change: quote.d,
      changePercent: quote.dp,
      open: quote.o,
      high: quote.h,
      low: quote.l,
      previousClose: quote.pc,
      time: new Date(quote.t * 1000).toISOString(),
      provider: 'finnhub',
    };
  },
};
