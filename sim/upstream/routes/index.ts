import { currencyRoute } from './currency.js';
import { forecastRoute } from './forecast.js';
import { geocodingRoute } from './geocoding.js';
import type { SimRoute } from './route.js';
import { stockRoute } from './stock.js';
import { wikipediaRoute } from './wikipedia.js';

/** Route names double as URL prefixes: `${sim}/<name>` stands in for the real API's base URL. */
export const ROUTE_NAMES = ['geocoding', 'forecast', 'currency', 'stock', 'wikipedia'] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

export const ROUTES: Record<RouteName, SimRoute> = {
  geocoding: geocodingRoute,
  forecast: forecastRoute,
  currency: currencyRoute,
  stock: stockRoute,
  wikipedia: wikipediaRoute,
};

export const isRouteName = (name: string): name is RouteName =>
  (ROUTE_NAMES as readonly string[]).includes(name);
