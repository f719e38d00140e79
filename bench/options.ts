import { parseArgs } from 'node:util';
import { z } from 'zod';
import { resultsPath } from './paths.js';

export const BenchOptions = z.object({
  quick: z.boolean(),
  transport: z.enum(['http', 'stdio']),
  only: z.array(z.string().regex(/^S\d$/, 'scenario ids look like S1')).optional(),
  out: z.string().min(1),
  help: z.boolean(),
});
export type BenchOptions = z.infer<typeof BenchOptions>;

export const USAGE = `usage: npm run bench [-- --quick] [--only S1,S4] [--transport http|stdio] [--out file.json]

  --quick        smaller counts and latencies (under 60 s; the CI smoke run)
  --only LIST    run only these scenarios (comma-separated ids)
  --transport    how contenders reach the MCP server: one shared HTTP server process (default),
                 or stdio (each client spawns the same server command)
  --out FILE     where to write the JSON results (default bench/results/latest.json)
`;

/** Parses the command line; bad flags throw with a message that names them. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      transport: { type: 'string', default: 'http' },
      only: { type: 'string' },
      out: { type: 'string', default: resultsPath },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const parsed = BenchOptions.safeParse({
    ...values,
    only: values.only?.split(',').map((id) => id.trim().toUpperCase()),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`bench: ${problems}\n${USAGE}`);
  }
  return parsed.data;
}
