import { z } from 'zod';
import { ToolError } from '../tool-error.js';
import { defineTool, UPSTREAM_TOOL_ANNOTATIONS } from './definition.js';
import { toolInput } from './tool-input.js';
import { describeWeatherCode } from './weather-codes.js';

const CURRENT_VARIABLES = [
  'temperature_2m',
  'apparent_temperature',
  'relative_humidity_2m',
  'precipitation',
  'weather_code',
  'wind_speed_10m',
];
const DAILY_VARIABLES = [
  'weather_code',
  'temperature_2m_max',
  'temperature_2m_min',
  'precipitation_sum',
  'precipitation_probability_max',
];

/** The parts of Open-Meteo's answers this tool reads (the APIs send more). */
const GeocodingResponse = z.object({
  results: z
    .array(
      z.object({
        name: z.string(),
        latitude: z.number(),
        longitude: z.number(),
        country: z.string().optional(),
        admin1: z.string().optional(),
        timezone: z.string().optional(),
      }),
    )
    .optional(),
});
const nullableNumbers = z.array(z.number().nullable());
const ForecastResponse = z.object({
  timezone: z.string(),
  current: z.object({
    time: z.string(),
    temperature_2m: z.number(),
    apparent_temperature: z.number(),
    relative_humidity_2m: z.number(),
    precipitation: z.number(),
    weather_code: z.number(),
    wind_speed_10m: z.number(),
  }),
  daily: z.object({
    time: z.array(z.string()),
    weather_code: nullableNumbers,
    temperature_2m_max: nullableNumbers,
    temperature_2m_min: nullableNumbers,
    precipitation_sum: nullableNumbers,
    precipitation_probability_max: nullableNumbers,
  }),
});

const input = toolInput({
  place: z
    .string({ error: 'place must be a string, e.g. "Paris"' })
    .trim()
    .min(1, 'place must not be empty: give a city or place name, e.g. "Paris"')
    .max(100, 'place must be at most 100 characters')
    .describe('City or place name, e.g. "Paris" or "San Francisco". Add nothing else (no country codes).'),
  days: z
    .number({ error: 'days must be a whole number from 1 to 7' })
    .int('days must be a whole number from 1 to 7')
    .min(1, 'days must be at least 1')
    .max(7, 'days must be at most 7')
    .default(3)
    .describe('How many days of forecast to include, today first (1-7, default 3).'),
});

const output = z.object({
  place: z.object({
    name: z.string(),
    country: z.string().optional(),
    region: z.string().optional(),
    latitude: z.number(),
    longitude: z.number(),
    timezone: z.string(),
  }),
  current: z.object({
    time: z.string().describe('Local time of the observation, ISO 8601 without offset'),
    conditions: z.string(),
    temperatureC: z.number(),
    feelsLikeC: z.number(),
    relativeHumidityPercent: z.number(),
    precipitationMm: z.number(),
    windSpeedKmh: z.number(),
  }),
  daily: z.array(
    z.object({
      date: z.string(),
      conditions: z.string().nullable(),
      maxC: z.number().nullable(),
      minC: z.number().nullable(),
      precipitationMm: z.number().nullable(),
      precipitationChancePercent: z.number().nullable(),
    }),
  ),
});
type WeatherOutput = z.infer<typeof output>;

const dayLine = (day: WeatherOutput['daily'][number]): string =>
  `${day.date}: ${day.conditions ?? 'n/a'}, ${day.minC ?? '?'}–${day.maxC ?? '?'} °C, ` +
  `precipitation ${day.precipitationMm ?? '?'} mm (${day.precipitationChancePercent ?? '?'}% chance)`;

export const getWeather = defineTool({
  name: 'get_weather',
  config: {
    title: 'Current weather and forecast',
    description:
      'Get the current weather and a short daily forecast for a place, by name. Use it for questions about ' +
      'weather, temperature, rain or wind now or in the next days. Returns the place it matched (name, ' +
      'country, coordinates, time zone), current conditions (°C, km/h, mm, %) and one entry per day with ' +
      'min/max temperature and precipitation. Data: Open-Meteo.',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Current weather and forecast', ...UPSTREAM_TOOL_ANNOTATIONS },
  },
  async handler({ place, days }, { upstream }) {
    const geo = await upstream.getJson('geocoding', '/v1/search', GeocodingResponse, {
      query: { name: place, count: 1, language: 'en', format: 'json' },
    });
    const match = geo.results?.[0];
    if (!match) {
      throw new ToolError(
        'not_found',
        `no place named "${place}" is known to the geocoding service. Check the spelling or try a nearby larger city.`,
        { retryable: false },
      );
    }
    const forecast = await upstream.getJson('forecast', '/v1/forecast', ForecastResponse, {
      query: {
        latitude: match.latitude,
        longitude: match.longitude,
        current: CURRENT_VARIABLES.join(','),
        daily: DAILY_VARIABLES.join(','),
        timezone: 'auto',
        forecast_days: days,
      },
    });
    const { current, daily } = forecast;
    const code = (value: number | null | undefined) => (value == null ? null : describeWeatherCode(value));
    return {
      place: {
        name: match.name,
        ...(match.country ? { country: match.country } : {}),
        ...(match.admin1 ? { region: match.admin1 } : {}),
        latitude: match.latitude,
        longitude: match.longitude,
        timezone: forecast.timezone,
      },
      current: {
        time: current.time,
        conditions: describeWeatherCode(current.weather_code),
        temperatureC: current.temperature_2m,
        feelsLikeC: current.apparent_temperature,
        relativeHumidityPercent: current.relative_humidity_2m,
        precipitationMm: current.precipitation,
        windSpeedKmh: current.wind_speed_10m,
      },
      daily: daily.time.map((date, i) => ({
        date,
        conditions: code(daily.weather_code[i]),
        maxC: daily.temperature_2m_max[i] ?? null,
        minC: daily.temperature_2m_min[i] ?? null,
        precipitationMm: daily.precipitation_sum[i] ?? null,
        precipitationChancePercent: daily.precipitation_probability_max[i] ?? null,
      })),
    };
  },
  toText({ place, current, daily }) {
    const where = [place.name, place.region, place.country].filter(Boolean).join(', ');
    return [
      `Weather for ${where} (${place.latitude}, ${place.longitude}; ${place.timezone}) at ${current.time}:`,
      `${current.conditions}, ${current.temperatureC} °C (feels like ${current.feelsLikeC} °C), ` +
        `humidity ${current.relativeHumidityPercent}%, wind ${current.windSpeedKmh} km/h, ` +
        `precipitation ${current.precipitationMm} mm.`,
      'Forecast:',
      ...daily.map(dayLine),
    ].join('\n');
  },
});
