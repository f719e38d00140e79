import { describe, expect, it } from 'vitest';
import { runCli } from './cli-process.js';

describe('npm start (the offline demo)', () => {
  it('runs four tools in parallel, falls back for the failing one, answers, and exits 0', async () => {
    const run = await runCli(['demo', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      ok: boolean;
      answer: string;
      toolCalls: Array<{ tool: string; outcome: string }>;
    };
    expect(result.ok).toBe(true);
    expect(result.toolCalls).toHaveLength(4);
    expect(result.toolCalls.find((c) => c.tool === 'get_stock_quote')?.outcome).toMatch(/^fallback/);
    expect(result.answer).toMatch(/cached/i);
  });
});
