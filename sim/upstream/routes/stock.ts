import { TICKERS } from '../data/tickers.js';
import { seeded } from '../seeded.js';
import { ok, reason, type SimRoute } from './route.js';

/** Finnhub's error bodies are `{ error: "<sentence>" }`. */
const FINNHUB_ERRORS: Record<number, string> = {
  401: 'Please use an API key.',
  403: "You don't have access to this resource.",
  429: 'API limit reached. Please try again later. Remaining Limit: 0',
};

/** Finnhub answers an unknown symbol with 200 and an all-zero quote, not an error. */
const EMPTY_QUOTE = { c: 0, d: null, dp: null, h: 0, l: 0, o: 0, pc: 0, t: 0 };

/**
 * Finnhub quote: `GET /v1/quote?symbol=&token=` → `{ c, d, dp, h, l, o, pc, t }`. The simulator accepts any
 * token (or none), so the offline demo needs no key.
 */
export const stockRoute: SimRoute = {
  name: 'stock',
  errorBody: (status) => ({ error: FINNHUB_ERRORS[status] ?? reason(status) }),
  handle(path, query) {
    if (path !== '/v1/quote') return { status: 404, body: { error: `Unknown path ${path}` } };
    const symbol = query.get('symbol');
    if (!symbol) return { status: 422, body: { error: 'Symbol is required.' } };
    const typical = TICKERS[symbol];
    if (typical === undefined) return ok(EMPTY_QUOTE);
    const day = new Date().toISOString().slice(0, 10);
    const rng = seeded(symbol, day);
    const pc = rng.between(typical * 0.95, typical * 1.05);
    const o = rng.between(pc * 0.99, pc * 1.01);
    const c = rng.between(pc * 0.96, pc * 1.04);
    const h = Math.max(o, c, rng.between(Math.max(o, c), Math.max(o, c) * 1.015));
    const l = Math.min(o, c, rng.between(Math.min(o, c) * 0.985, Math.min(o, c)));
    const d = Number((c - pc).toFixed(2));
    const dp = Number(((d / pc) * 100).toFixed(4));
    return ok({ c, d, dp, h, l, o, pc, t: Math.floor(Date.now() / 60_000) * 60 });
  },
};
