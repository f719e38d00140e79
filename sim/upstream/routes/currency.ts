import { seeded } from '../seeded.js';
import { ok, reason, type SimResponse, type SimRoute } from './route.js';

/** Currencies Frankfurter publishes, with a typical value of 1 EUR in each. */
const CURRENCIES: Record<string, { name: string; perEur: number }> = {
  AUD: { name: 'Australian Dollar', perEur: 1.63 },
  BRL: { name: 'Brazilian Real', perEur: 6.1 },
  CAD: { name: 'Canadian Dollar', perEur: 1.49 },
  CHF: { name: 'Swiss Franc', perEur: 0.94 },
  CNY: { name: 'Chinese Renminbi Yuan', perEur: 7.8 },
  CZK: { name: 'Czech Koruna', perEur: 25.1 },
  DKK: { name: 'Danish Krone', perEur: 7.46 },
  EUR: { name: 'Euro', perEur: 1 },
  GBP: { name: 'British Pound', perEur: 0.84 },
  HKD: { name: 'Hong Kong Dollar', perEur: 8.4 },
  INR: { name: 'Indian Rupee', perEur: 92.5 },
  JPY: { name: 'Japanese Yen', perEur: 162.4 },
  KRW: { name: 'South Korean Won', perEur: 1510 },
  MXN: { name: 'Mexican Peso', perEur: 21.2 },
  NOK: { name: 'Norwegian Krone', perEur: 11.7 },
  NZD: { name: 'New Zealand Dollar', perEur: 1.82 },
  PLN: { name: 'Polish Złoty', perEur: 4.27 },
  SEK: { name: 'Swedish Krona', perEur: 11.4 },
  SGD: { name: 'Singapore Dollar', perEur: 1.44 },
  TRY: { name: 'Turkish Lira', perEur: 37.5 },
  USD: { name: 'United States Dollar', perEur: 1.08 },
  ZAR: { name: 'South African Rand', perEur: 19.6 },
};

/** Frankfurter's data starts here; earlier dates are "not found". */
const FIRST_DAY = '1999-01-04';

const notFound = (): SimResponse => ({ status: 404, body: { message: 'not found' } });

/** The last business day (ECB publishes Mon–Fri) on or before `day`, but never after today. */
function businessDay(day: string): string {
  const today = new Date().toISOString().slice(0, 10);
  const date = new Date(`${day < today ? day : today}T00:00:00Z`);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** Value of 1 EUR in `code` on `day`: the typical value with a small deterministic daily wobble. */
function perEur(code: string, day: string): number {
  const typical = CURRENCIES[code]?.perEur ?? 1;
  return code === 'EUR' ? 1 : typical * seeded(code, day).between(0.98, 1.02, 6);
}

const fiveDigits = (value: number): number => Number(value.toPrecision(5));

function rates(path: string, query: URLSearchParams): SimResponse {
  const requested = path.slice('/v1/'.length);
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(requested) && !Number.isNaN(Date.parse(requested));
  if (requested !== 'latest' && !isDate) return notFound();
  if (isDate && requested < FIRST_DAY) return notFound();
  const base = (query.get('base') ?? 'EUR').toUpperCase();
  const symbols = query.get('symbols')?.toUpperCase().split(',').filter(Boolean) ?? Object.keys(CURRENCIES);
  if (!CURRENCIES[base] || symbols.some((code) => !CURRENCIES[code])) return notFound();
  const amount = Number(query.get('amount') ?? '1');
  if (!Number.isFinite(amount)) return { status: 422, body: { message: 'invalid amount' } };
  const date = businessDay(isDate ? requested : new Date().toISOString().slice(0, 10));
  const baseRate = perEur(base, date);
  return ok({
    amount,
    base,
    date,
    rates: Object.fromEntries(
      symbols
        .filter((code) => code !== base)
        .map((code) => [code, fiveDigits((amount * perEur(code, date)) / baseRate)]),
    ),
  });
}

/** Frankfurter: `GET /v1/latest?base=&symbols=`, `GET /v1/{YYYY-MM-DD}?base=&symbols=`, `GET /v1/currencies`. */
export const currencyRoute: SimRoute = {
  name: 'currency',
  errorBody: (status) => ({ message: reason(status).toLowerCase() }),
  handle(path, query) {
    if (path === '/v1/currencies') {
      return ok(Object.fromEntries(Object.entries(CURRENCIES).map(([code, { name }]) => [code, name])));
    }
    return path.startsWith('/v1/') ? rates(path, query) : notFound();
  },
};
