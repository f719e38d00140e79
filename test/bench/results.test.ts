import { describe, expect, it } from 'vitest';
import { renderTable } from '../../bench/lib/report.js';
import { failed, judge, maxTarget, minTarget, row } from '../../bench/lib/results.js';
import { median, percentile, round } from '../../bench/lib/stats.js';

describe('bench verdicts', () => {
  it('tells a pass, a miss and a wide miss apart for upper bounds', () => {
    const target = maxTarget(1.05, 1.5, 'ratio', '≤ 1.05×');
    expect(judge(target, 1.01)).toBe('pass');
    expect(judge(target, 1.2)).toBe('miss');
    expect(judge(target, 1.6)).toBe('wide-miss');
    expect(judge(target, Number.NaN)).toBe('wide-miss');
  });

  it('judges lower bounds and the figure the target names', () => {
    const throughput = row({
      scenario: 'S4',
      contender: 'ours',
      metric: 'throughput',
      value: 900,
      unit: 'calls/s',
      ratio: 0.7,
      target: minTarget(0.9, 0.6, 'ratio', '≥ 0.9×'),
    });
    expect(throughput.verdict).toBe('miss');
    const usable = row({
      scenario: 'S2',
      contender: 'ours',
      metric: 'usable',
      value: 3,
      unit: '/4',
      target: minTarget(4, 4, 'value', '4'),
    });
    expect(usable.verdict).toBe('wide-miss');
    expect(failed([throughput, usable])).toEqual([usable]);
  });
});

describe('bench stats', () => {
  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(median([3, 1, 2])).toBe(2);
    expect(percentile([], 50)).toBeNaN();
  });

  it('rounds to three significant digits', () => {
    expect(round(1234.5)).toBe(1235);
    expect(round(1.23456)).toBe(1.23);
    expect(round(0.012345)).toBe(0.0123);
  });
});

describe('bench table', () => {
  it('prints one line per figure with target and result', () => {
    const rows = [
      row({
        scenario: 'S1',
        contender: 'sequential',
        metric: 'wall',
        value: 8021,
        unit: 'ms',
        ratio: 4.01,
        ratioTo: 'slowest',
      }),
      row({
        scenario: 'S1',
        contender: 'ours',
        metric: 'wall',
        value: 2012,
        unit: 'ms',
        ratio: 1.006,
        ratioTo: 'slowest',
        target: maxTarget(1.05, 1.5, 'ratio', '≤ 1.05×'),
      }),
    ];
    const text = renderTable({
      mode: 'quick',
      transport: 'http',
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 1000,
      machine: { cpus: 2, cpuModel: 'test', memTotalMb: 1024, os: 'Linux', loadAvgAtStart: [0], node: 'v22' },
      git: { commit: 'abcdef1234567', dirty: false },
      failurePolicy: '',
      scenarios: [{ id: 'S1', title: 'classic', setup: {}, durationMs: 1000, rows }],
      failures: [],
      warnings: {},
    });
    expect(text).toMatch(/S1\s+sequential\s+wall\s+8,021 ms\s+4\.01× slowest/);
    expect(text).toMatch(/S1\s+ours\s+wall\s+2,012 ms\s+1\.01× slowest\s+≤ 1\.05×\s+PASS/);
    expect(text).toContain('OK: no crash, no wide miss');
  });
});
