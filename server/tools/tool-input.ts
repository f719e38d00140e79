import { z } from 'zod';

const quoted = (keys: readonly PropertyKey[]): string => keys.map((key) => `"${String(key)}"`).join(', ');

/**
 * A tool's input schema: a strict object, so an argument the tool does not take is an error that names
 * it and lists the ones it does take (a typo such as `day` for `days` would otherwise be dropped without a
 * word), and the JSON Schema in `tools/list` says `additionalProperties: false`. The `X_cached` twin
 * shares the schema, so it is just as strict.
 */
export function toolInput<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const accepted = quoted(Object.keys(shape));
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown argument${issue.keys.length > 1 ? 's' : ''} ${quoted(issue.keys)}: the arguments are ${accepted}`
        : undefined,
  });
}
