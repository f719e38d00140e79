import { reason, type SimResponse } from './route.js';

/** Open-Meteo answers every error as `{ error: true, reason }` (geocoding and forecast alike). */
export const openMeteoError = (status: number, message = reason(status)): SimResponse => ({
  status,
  body: { error: true, reason: message },
});
