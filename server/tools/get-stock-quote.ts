import { z } from 'zod';
import { ToolError } from '../tool-error.js';
import { defineTool, UPSTREAM_TOOL_ANNOTATIONS } from './definition.js';
import { finnhubProvider } from './stock/finnhub.js';
import { toolInput } from './tool-input.js';

const input = toolInput({
  symbol: z
    .string({ error: 'symbol must be a ticker string, e.g. "AAPL"' })
    .trim()
    .toUpperCase()
    .regex(
      /^[A-Z][A-Z0-9.-]{0,9}$/,
      'symbol must be a stock ticker like "AAPL" or "BRK.B" (letters, digits, "." or "-")',
    )
    .describe('Stock ticker symbol as listed on its exchange, e.g. "AAPL" for Apple, "MSFT" for Microsoft.'),
});

const output = z.object({
  symbol: z.string(),
  price: z.number().describe('Latest price, in the currency the stock trades in'),
  change: z.number().nullable().describe('Change since the previous close'),
  changePercent: z.number().nullable().describe('Change since the previous close, percent'),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  previousClose: z.number(),
  time: z.string().describe('When the price was last updated, ISO 8601'),
  provider: z.string(),
});

const signed = (value: number | null, suffix = ''): string =>
  value === null ? 'n/a' : `${value >= 0 ? '+' : ''}${value}${suffix}`;

export const getStockQuote = defineTool({
  name: 'get_stock_quote',
  config: {
    title: 'Stock quote',
    description:
      'Get the latest price of a stock by its ticker symbol, with the change since the previous close and ' +
      "the day's open, high and low. Use it for questions about a listed company's current share price. " +
      'Needs the ticker (e.g. "AAPL"), not the company name. Data: Finnhub.',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Stock quote', ...UPSTREAM_TOOL_ANNOTATIONS },
  },
  async handler({ symbol }, context) {
    const quote = await finnhubProvider.quote(symbol, context);
    if (!quote) {
      throw new ToolError(
        'not_found',
        `no quote for "${symbol}": ${finnhubProvider.name} does not know this ticker. Use the exchange ` +
          'ticker symbol (e.g. "AAPL" for Apple), not the company name.',
        { retryable: false },
      );
    }
    return quote;
  },
  toText: (q) =>
    `${q.symbol}: ${q.price} (${signed(q.change)}, ${signed(q.changePercent, '%')} vs previous close ${q.previousClose}); ` +
    `open ${q.open}, high ${q.high}, low ${q.low}; as of ${q.time} (${q.provider}).`,
});
