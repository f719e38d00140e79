import { PLACES } from '../data/places.js';
import { openMeteoError } from './open-meteo-error.js';
import { ok, type SimRoute } from './route.js';

/** Open-Meteo geocoding: `GET /v1/search?name=&count=&language=&format=json`. */
export const geocodingRoute: SimRoute = {
  name: 'geocoding',
  errorBody: (status) => openMeteoError(status).body,
  handle(path, query) {
    if (path !== '/v1/search') return openMeteoError(404, `Unknown path ${path}`);
    const name = query.get('name');
    if (name === null) return openMeteoError(400, "Parameter 'name' is required");
    const count = Number(query.get('count') ?? '10');
    if (!Number.isInteger(count) || count < 1 || count > 100) {
      return openMeteoError(400, 'Parameter count must be between 1 and 100.');
    }
    const wanted = name.trim().toLowerCase();
    // The real API returns no `results` key at all when nothing matches (and for names under 2 chars).
    const matches =
      wanted.length < 2 ? [] : PLACES.filter((place) => place.name.toLowerCase().startsWith(wanted));
    const generationtime_ms = 0.42;
    if (matches.length === 0) return ok({ generationtime_ms });
    return ok({ results: matches.slice(0, count), generationtime_ms });
  },
};
