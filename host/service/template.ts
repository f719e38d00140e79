import { PLACEHOLDER } from './config.js';
import { HttpError } from './validation.js';

function lookup(scope: unknown, path: string): unknown {
  let value = scope;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Fills `{{body.text}}`-style placeholders from the hook request. Strings go in as they are, other
 * values as JSON; a missing value is a 422 naming it, so a mis-mapped n8n/Zapier field fails loudly
 * instead of starting a run on a half-empty prompt.
 */
export function renderTemplate(template: string, scope: { body: unknown; query: unknown }): string {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (_match, path: string) => {
    const value = lookup(scope, path);
    if (value === undefined || value === null) {
      missing.push(path);
      return '';
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
  if (missing.length) {
    throw new HttpError(422, 'template_field_missing', `the request has no value for ${missing.join(', ')}`, {
      missing,
    });
  }
  return text;
}
