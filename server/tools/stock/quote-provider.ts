import type { ToolContext } from '../definition.js';

/** A latest quote, whatever API it came from. */
export interface Quote {
  symbol: string;
  price: number;
  change: number | null;
  changePercent: number | null;
  open: number;
  high: number;
  low: number;
  previousClose: number;
  /** When the price was last updated, ISO 8601. */
  time: string;
  provider: string;
}

/** The stock tool talks to quote APIs only through this, so another provider is one new module. */
export interface QuoteProvider {
  name: string;
  /** The latest quote, or undefined when the provider does not know the symbol. */
  quote(symbol: string, context: ToolContext): Promise<Quote | undefined>;
}
