import { z } from 'zod';
import { ToolError } from '../tool-error.js';
import { defineTool, UPSTREAM_TOOL_ANNOTATIONS } from './definition.js';
import { toolInput } from './tool-input.js';

/** Frankfurter's answer: `{ amount, base, date, rates: { [code]: value } }`. */
const RatesResponse = z.object({
  amount: z.number(),
  base: z.string(),
  date: z.string(),
  rates: z.record(z.string(), z.number()),
});

const currencyCode = (field: string) =>
  z
    .string({ error: `${field} must be a 3-letter ISO 4217 currency code, e.g. "EUR"` })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, `${field} must be a 3-letter ISO 4217 currency code, e.g. "USD" or "JPY"`);

const today = (): string => new Date().toISOString().slice(0, 10);

const input = toolInput({
  amount: z
    .number({ error: 'amount must be a number, e.g. 100' })
    .positive('amount must be greater than 0')
    .max(1e15, 'amount must be at most 1e15')
    .describe('How much of the `from` currency to convert, e.g. 100.'),
  from: currencyCode('from').describe('Currency to convert from: ISO 4217 code such as "EUR", "USD", "GBP".'),
  to: currencyCode('to').describe('Currency to convert to: ISO 4217 code such as "JPY".'),
  date: z.iso
    .date({ error: 'date must be a calendar date written YYYY-MM-DD, e.g. "2024-03-15"' })
    .refine((value) => value >= '1999-01-04', 'date must be on or after 1999-01-04 (the first ECB rates)')
    .refine((value) => value <= today(), 'date must not be in the future')
    .optional()
    .describe('Use the reference rate of this day (YYYY-MM-DD) instead of the latest; omit for the latest.'),
});

const output = z.object({
  amount: z.number(),
  from: z.string(),
  to: z.string(),
  rate: z.number().describe('Value of 1 `from` in `to`'),
  converted: z.number().describe('amount × rate'),
  date: z
    .string()
    .describe('Day of the reference rate used (the last business day on or before the request)'),
});

/** Six significant digits: enough for money, free of float noise like 108.00000000000001. */
const round = (value: number): number => Number(value.toPrecision(6));

export const convertCurrency = defineTool({
  name: 'convert_currency',
  config: {
    title: 'Convert currency',
    description:
      'Convert an amount between two currencies at the European Central Bank reference rate (latest, or ' +
      'of a given past day). Use it for exchange-rate and price-conversion questions. Returns the rate, ' +
      'the converted amount and the day the rate is from (rates are published on business days only). ' +
      'Data: Frankfurter.',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Convert currency', ...UPSTREAM_TOOL_ANNOTATIONS },
  },
  async handler({ amount, from, to, date }, { upstream }) {
    const notFound = (status: number) =>
      status === 404
        ? new ToolError(
            'not_found',
            `Frankfurter has no ${from}→${to} rate${date ? ` for ${date}` : ''}: one of the currency codes is not ` +
              'one it publishes (it covers about 30 major currencies).',
            { retryable: false, status },
          )
        : undefined;
    const rates = await upstream.getJson('currency', `/v1/${date ?? 'latest'}`, RatesResponse, {
      query: { base: from, symbols: from === to ? undefined : to }, // same code: any answer has the date
      onStatus: notFound,
    });
    const rate = from === to ? 1 : rates.rates[to];
    if (rate === undefined) throw notFound(404) as ToolError;
    return { amount, from, to, rate, converted: round(amount * rate), date: rates.date };
  },
  toText: ({ amount, from, to, rate, converted, date }) =>
    `${amount} ${from} = ${converted} ${to} (rate ${rate}, ECB reference rate of ${date}).`,
});
