import type { BenchToolUse } from './contenders/types.js';
import type { Sim, SimRoute } from './env/sim.js';

/** One of the server's tools as the bench drives it: which upstream route paces it, and sample input. */
export interface BenchTool {
  tool: string;
  /** The route whose latency or fault governs this tool. */
  route: SimRoute;
  input: Record<string, unknown>;
}

export const WEATHER: BenchTool = { tool: 'get_weather', route: 'forecast', input: { place: 'Paris' } };
export const CURRENCY: BenchTool = {
  tool: 'convert_currency',
  route: 'currency',
  input: { from: 'EUR', to: 'USD', amount: 100 },
};
export const STOCK: BenchTool = { tool: 'get_stock_quote', route: 'stock', input: { symbol: 'AAPL' } };
export const WIKIPEDIA: BenchTool = {
  tool: 'get_wikipedia_summary',
  route: 'wikipedia',
  input: { title: 'Alan Turing' },
};

/** The classic turn: four different tools at once. */
export const FOUR_TOOLS: readonly BenchTool[] = [WEATHER, CURRENCY, STOCK, WIKIPEDIA];

/** Tickers the simulator knows (others get Finnhub's all-zero "unknown symbol" quote). */
const TICKERS = ['AAPL', 'MSFT', 'GOOGL', 'AMZN', 'NVDA', 'META', 'TSLA', 'NFLX', 'AMD', 'INTC'];

/** The n-th stock call's input: distinct symbols in a cycle, so nothing can be served from one answer. */
export function stockInput(n: number): Record<string, unknown> {
  return { symbol: TICKERS[n % TICKERS.length] };
}

/** A turn's tool_use blocks, with ids shaped like the API's. */
export function turnOf(tools: readonly BenchTool[], tag: string): BenchToolUse[] {
  return tools.map((t, i) => ({ id: `toolu_bench_${tag}_${i}`, name: t.tool, input: t.input }));
}

/** Sets every route's latency (the geocoding step of get_weather stays instant, so each tool takes `ms`). */
export async function setLatency(sim: Sim, ms: number): Promise<void> {
  await sim.clearFaults();
  for (const tool of FOUR_TOOLS) await sim.setFault(tool.route, { latencyMs: ms });
}
