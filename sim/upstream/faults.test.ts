import { describe, expect, it } from 'vitest';
import { FaultConfig, FaultTable } from './faults.js';

const outcomes = (table: FaultTable, n: number, target = '/stock/v1/quote?symbol=AAPL') =>
  Array.from({ length: n }, () => {
    const { failure } = table.decide('stock', target);
    return failure === undefined ? 'ok' : typeof failure === 'string' ? failure : failure.status;
  });

describe('FaultTable', () => {
  it('fails every request with the configured status, body or hang', () => {
    expect(outcomes(new FaultTable({ stock: { status: 500 } }), 2)).toEqual([500, 500]);
    expect(outcomes(new FaultTable({ stock: { malformed: true } }), 1)).toEqual(['malformed']);
    expect(outcomes(new FaultTable({ stock: { hang: true, status: 500 } }), 1)).toEqual(['hang']);
  });

  it('fails the next n requests, then recovers', () => {
    expect(outcomes(new FaultTable({ stock: { failNext: 2 } }), 4)).toEqual([503, 503, 'ok', 'ok']);
  });

  it('flaps: `period` requests ok, then `period` failing', () => {
    const table = new FaultTable({ stock: { flap: { period: 2 }, status: 502 } });
    expect(outcomes(table, 6)).toEqual(['ok', 'ok', 502, 502, 'ok', 'ok']);
  });

  it('limits a fault to matching requests, and only counts those', () => {
    const table = new FaultTable({ stock: { failNext: 1, match: 'MSFT' } });
    expect(outcomes(table, 2)).toEqual(['ok', 'ok']);
    expect(outcomes(table, 2, '/stock/v1/quote?symbol=MSFT')).toEqual([503, 'ok']);
  });

  it('adds latency without failing when only latencyMs is set', () => {
    expect(new FaultTable({ stock: { latencyMs: 50 } }).decide('stock', '/')).toEqual({ latencyMs: 50 });
  });

  it('restarts counting when a fault is set again, and clears', () => {
    const table = new FaultTable({ stock: { failNext: 1 } });
    expect(outcomes(table, 2)).toEqual([503, 'ok']);
    table.set('stock', { failNext: 1 });
    expect(outcomes(table, 1)).toEqual([503]);
    table.clear();
    expect(table.list()).toEqual({});
  });

  it('rejects unknown routes and fields in a fault config', () => {
    expect(FaultConfig.safeParse({ weather: { status: 500 } }).success).toBe(false);
    expect(FaultConfig.safeParse({ stock: { stauts: 500 } }).success).toBe(false);
    expect(FaultConfig.safeParse({ stock: { status: 200 } }).success).toBe(false);
  });
});
