import { describe, expect, it } from 'vitest';
import { renderTemplate } from './template.js';

describe('renderTemplate', () => {
  it('fills body and query placeholders; non-strings become JSON', () => {
    const text = renderTemplate('Summarise: {{body.text}} ({{ query.lang }}) {{body.meta}}', {
      body: { text: 'hello', meta: { n: 1 } },
      query: { lang: 'en' },
    });
    expect(text).toBe('Summarise: hello (en) {"n":1}');
  });

  it('names every missing field in a 422', () => {
    expect(() => renderTemplate('{{body.a}} {{body.b.c}}', { body: { b: 'x' }, query: {} })).toThrow(
      expect.objectContaining({ statusCode: 422, message: 'the request has no value for body.a, body.b.c' }),
    );
  });

  it('does not read inherited properties', () => {
    expect(() => renderTemplate('{{body.constructor}}', { body: {}, query: {} })).toThrow(/body.constructor/);
  });
});
