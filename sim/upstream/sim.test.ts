import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstreamSim, type UpstreamSim } from './index.js';

// biome-ignore lint/suspicious/noExplicitAny: the tests poke into arbitrary JSON answers
type Json = any;

describe('upstream simulator over HTTP', () => {
  let sim: UpstreamSim;
  beforeAll(async () => {
    sim = await startUpstreamSim();
  });
  afterAll(async () => {
    await sim?.close();
  });

  const get = async (path: string) => {
    const response = await fetch(`${sim.url}${path}`);
    return { status: response.status, body: (await response.json()) as Json };
  };

  it('answers in the real APIs’ shapes, deterministically', async () => {
    const geo = await get('/geocoding/v1/search?name=Tokyo&count=1&language=en&format=json');
    expect(geo.body.results[0]).toMatchObject({ name: 'Tokyo', country_code: 'JP', timezone: 'Asia/Tokyo' });
    const forecastPath =
      '/forecast/v1/forecast?latitude=35.69&longitude=139.69&current=temperature_2m&daily=temperature_2m_max&timezone=auto&forecast_days=2';
    const forecast = await get(forecastPath);
    expect(forecast.body).toMatchObject({ timezone: 'Asia/Tokyo', current_units: { temperature_2m: '°C' } });
    expect(forecast.body.daily.temperature_2m_max).toHaveLength(2);
    expect((await get(forecastPath)).body.daily).toEqual(forecast.body.daily);
    expect((await get('/currency/v1/2024-03-15?base=EUR&symbols=USD')).body).toMatchObject({
      amount: 1,
      base: 'EUR',
      date: '2024-03-15',
      rates: { USD: expect.any(Number) },
    });
    expect(Object.keys((await get('/stock/v1/quote?symbol=AAPL')).body).sort()).toEqual(
      ['c', 'd', 'dp', 'h', 'l', 'o', 'pc', 't'].sort(),
    );
    expect((await get('/wikipedia/api/rest_v1/page/summary/Ada_Lovelace')).body).toMatchObject({
      type: 'standard',
      title: 'Ada Lovelace',
      content_urls: { desktop: { page: 'https://en.wikipedia.org/wiki/Ada_Lovelace' } },
    });
  });

  it('gives the real not-found answers', async () => {
    expect(await get('/geocoding/v1/search?name=Qwxyz&count=1')).toEqual({
      status: 200,
      body: { generationtime_ms: expect.any(Number) },
    });
    expect(await get('/currency/v1/latest?base=EUR&symbols=XYZ')).toEqual({
      status: 404,
      body: { message: 'not found' },
    });
    expect((await get('/stock/v1/quote?symbol=NOPE')).body).toMatchObject({ c: 0, d: null, t: 0 });
    const wiki = await get('/wikipedia/api/rest_v1/page/summary/No_such_page');
    expect(wiki.status).toBe(404);
    expect(wiki.body.type).toMatch(/errors\/not_found$/);
  });

  it('is driven at run time through /_sim', async () => {
    const put = await fetch(`${sim.url}/_sim/faults/forecast`, { method: 'PUT', body: '{"status":429}' });
    expect(await put.json()).toEqual({ forecast: { status: 429 } });
    const failed = await get('/forecast/v1/forecast?latitude=1&longitude=1');
    expect(failed).toEqual({ status: 429, body: { error: true, reason: 'Too Many Requests' } });
    const bad = await fetch(`${sim.url}/_sim/faults/forecast`, {
      method: 'PUT',
      body: '{"latencyMs":"slow"}',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).error).toMatch(/latencyMs/);
    expect((await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' })).status).toBe(200);
    expect(sim.faults()).toEqual({});

    const stats = (await (await fetch(`${sim.url}/_sim/stats`)).json()) as Json;
    expect(stats.forecast).toMatchObject({ requests: 3, completed: 3, aborted: 0, inFlight: 0 });
    await fetch(`${sim.url}/_sim/stats`, { method: 'DELETE' });
    expect(sim.stats().forecast.requests).toBe(0);
  });

  it('counts a request the client abandons as aborted, and close() ends hanging requests', async () => {
    sim.setFault('wikipedia', { hang: true });
    await expect(
      fetch(`${sim.url}/wikipedia/api/rest_v1/page/summary/Berlin`, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    await expect.poll(() => sim.stats().wikipedia.aborted).toBe(1);

    const other = await startUpstreamSim({ faults: { stock: { hang: true } } });
    const hanging = fetch(`${other.url}/stock/v1/quote?symbol=AAPL`);
    await expect.poll(() => other.stats().stock.inFlight).toBe(1);
    await other.close();
    await expect(hanging).rejects.toThrow();
  });
});
