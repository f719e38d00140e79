import { PLACES } from '../data/places.js';
import { addDays, localTime } from '../data/time-zone.js';
import { type Seeded, seeded } from '../seeded.js';
import { openMeteoError } from './open-meteo-error.js';
import { ok, type SimResponse, type SimRoute } from './route.js';

const WEATHER_CODES = [0, 1, 2, 3, 45, 51, 61, 63, 71, 80, 95];

/** Variables the simulator can produce, with their units and a generator around a base temperature. */
type Variable = { unit: string; value: (rng: Seeded, baseTemp: number) => number };

const CURRENT: Record<string, Variable> = {
  temperature_2m: { unit: '°C', value: (rng, base) => rng.between(base - 4, base + 4, 1) },
  apparent_temperature: { unit: '°C', value: (rng, base) => rng.between(base - 7, base + 3, 1) },
  relative_humidity_2m: { unit: '%', value: (rng) => rng.int(25, 98) },
  precipitation: { unit: 'mm', value: (rng) => (rng.next() < 0.7 ? 0 : rng.between(0.1, 6, 1)) },
  weather_code: {
    unit: 'wmo code',
    value: (rng) => WEATHER_CODES[rng.int(0, WEATHER_CODES.length - 1)] ?? 0,
  },
  cloud_cover: { unit: '%', value: (rng) => rng.int(0, 100) },
  wind_speed_10m: { unit: 'km/h', value: (rng) => rng.between(0, 45, 1) },
  wind_direction_10m: { unit: '°', value: (rng) => rng.int(0, 359) },
  is_day: { unit: '', value: (rng) => rng.int(0, 1) },
};

const DAILY: Record<string, Variable> = {
  weather_code: CURRENT.weather_code as Variable,
  temperature_2m_max: { unit: '°C', value: (rng, base) => rng.between(base + 1, base + 7, 1) },
  temperature_2m_min: { unit: '°C', value: (rng, base) => rng.between(base - 8, base - 1, 1) },
  precipitation_sum: { unit: 'mm', value: (rng) => (rng.next() < 0.5 ? 0 : rng.between(0.1, 20, 1)) },
  precipitation_probability_max: { unit: '%', value: (rng) => rng.int(0, 100) },
  wind_speed_10m_max: { unit: 'km/h', value: (rng) => rng.between(5, 60, 1) },
};

function parseList(query: URLSearchParams, key: string): string[] {
  const raw = query.get(key);
  return raw ? raw.split(',').filter(Boolean) : [];
}

function unknownVariable(list: string[], known: Record<string, Variable>): string | undefined {
  return list.find((name) => !Object.hasOwn(known, name));
}

/** The time zone of the nearest gazetteer place (what `timezone=auto` resolves to), else GMT. */
function nearestTimeZone(latitude: number, longitude: number): string {
  let best = { distance: 1, timezone: 'GMT' }; // within ~1 degree, otherwise GMT
  for (const place of PLACES) {
    const distance = Math.hypot(place.latitude - latitude, place.longitude - longitude);
    if (distance < best.distance) best = { distance, timezone: place.timezone };
  }
  return best.timezone;
}

function units(list: string[], known: Record<string, Variable>): Record<string, string> {
  return Object.fromEntries(list.map((name) => [name, known[name]?.unit ?? '']));
}

/** Open-Meteo forecast: `GET /v1/forecast?latitude=&longitude=&current=…&daily=…&timezone=auto&forecast_days=`. */
export const forecastRoute: SimRoute = {
  name: 'forecast',
  errorBody: (status) => openMeteoError(status).body,
  handle(path, query): SimResponse {
    if (path !== '/v1/forecast') return openMeteoError(404, `Unknown path ${path}`);
    const latitude = Number(query.get('latitude'));
    const longitude = Number(query.get('longitude'));
    if (query.get('latitude') === null || !Number.isFinite(latitude) || Math.abs(latitude) > 90) {
      return openMeteoError(400, `Latitude must be in range of -90 to 90°. Given: ${query.get('latitude')}.`);
    }
    if (query.get('longitude') === null || !Number.isFinite(longitude) || Math.abs(longitude) > 180) {
      return openMeteoError(
        400,
        `Longitude must be in range of -180 to 180°. Given: ${query.get('longitude')}.`,
      );
    }
    const days = Number(query.get('forecast_days') ?? '7');
    if (!Number.isInteger(days) || days < 0 || days > 16) {
      return openMeteoError(400, 'Forecast days is invalid. Allowed range 0 to 16.');
    }
    const current = parseList(query, 'current');
    const daily = parseList(query, 'daily');
    const badCurrent = unknownVariable(current, CURRENT);
    const badDaily = unknownVariable(daily, DAILY);
    if (badCurrent || badDaily) {
      const [value, key] = badCurrent ? [badCurrent, 'current'] : [badDaily, 'daily'];
      return openMeteoError(
        400,
        `Data corrupted at path ''. Cannot initialize ForecastVariable from invalid String value ${value} for key ${key}.`,
      );
    }

    const timezone = query.get('timezone') === 'auto' ? nearestTimeZone(latitude, longitude) : 'GMT';
    const now = localTime(new Date(), timezone);
    const baseTemp = 28 - 0.45 * Math.abs(latitude);
    const where = `${latitude.toFixed(2)},${longitude.toFixed(2)}`;
    const body: Record<string, unknown> = {
      latitude: Number(latitude.toFixed(4)),
      longitude: Number(longitude.toFixed(4)),
      generationtime_ms: 0.05,
      utc_offset_seconds: now.utcOffsetSeconds,
      timezone,
      timezone_abbreviation: now.abbreviation,
      elevation: seeded(where, 'elevation').int(0, 600),
    };
    if (current.length > 0) {
      const rng = seeded(where, now.date, 'current');
      body.current_units = { time: 'iso8601', interval: 'seconds', ...units(current, CURRENT) };
      body.current = {
        time: now.quarterHour,
        interval: 900,
        ...Object.fromEntries(current.map((name) => [name, CURRENT[name]?.value(rng, baseTemp)])),
      };
    }
    if (daily.length > 0) {
      const dates = Array.from({ length: days }, (_, i) => addDays(now.date, i));
      body.daily_units = { time: 'iso8601', ...units(daily, DAILY) };
      body.daily = {
        time: dates,
        ...Object.fromEntries(
          daily.map((name) => [
            name,
            dates.map((day) => DAILY[name]?.value(seeded(where, day, name), baseTemp)),
          ]),
        ),
      };
    }
    return ok(body);
  },
};
