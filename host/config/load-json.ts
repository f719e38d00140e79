import { readFile } from 'node:fs/promises';
import type { z } from 'zod';

/** A config file that could not be read, parsed or validated; the message names the file and field. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** Renders a zod issue path as `mcpServers.weather.args[0]`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

/** Turns a zod error into one readable line per problem, each naming its field (under `prefix`). */
export function describeZodError(error: z.ZodError, prefix?: string): string {
  return error.issues
    .map((issue) => {
      const at = formatIssuePath(issue.path);
      return `${prefix ? (at === '(root)' ? prefix : `${prefix}.${at}`) : at}: ${issue.message}`;
    })
    .join('; ');
}

/** `ENOENT: no such file or directory, open 'x.json'` → `ENOENT: no such file or directory` (the path is named once). */
const withoutSyscall = (message: string) => message.replace(/, \w+(?: '[^']*')?$/, '');

/** Reads and parses a JSON file; failures are `ConfigError`s naming the file once: `x.json: cannot read: ENOENT: …`. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, `cannot read: ${withoutSyscall((error as Error).message)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, `invalid JSON: ${(error as Error).message}`);
  }
}

/** Validates `json` with `schema`, throwing a `ConfigError` that names the file and each bad field. */
export function validateConfig<S extends z.ZodType>(
  file: string,
  schema: S,
  json: unknown,
  prefix?: string,
): z.output<S> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ConfigError(file, describeZodError(parsed.error, prefix));
  return parsed.data;
}
