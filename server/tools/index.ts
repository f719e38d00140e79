import { convertCurrency } from './convert-currency.js';
import type { ToolDefinition } from './definition.js';
import { getStockQuote } from './get-stock-quote.js';
import { getWeather } from './get-weather.js';
import { getWikipediaSummary } from './get-wikipedia-summary.js';

/** Every upstream tool the server offers; each also gets an `X_cached` backup (see cached-variant.ts). */
export const TOOL_DEFINITIONS: readonly ToolDefinition[] = [
  getWeather,
  convertCurrency,
  getStockQuote,
  getWikipediaSummary,
];
