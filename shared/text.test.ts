import { describe, expect, it } from 'vitest';
import { firstSentence, shorten } from './text.js';

describe('firstSentence', () => {
  it('keeps the first sentence only', () => {
    expect(firstSentence('Upstream answered 503. Retrying may help. Or not.')).toBe('Upstream answered 503.');
  });

  it('does not split inside numbers or hosts', () => {
    expect(firstSentence('Timed out after 1.5 s at api.example.com. Try again.')).toBe(
      'Timed out after 1.5 s at api.example.com.',
    );
  });

  it('shortens a long sentence with an ellipsis', () => {
    const long = `${'x'.repeat(300)}.`;
    const short = firstSentence(long, 50);
    expect(short).toHaveLength(50);
    expect(short.endsWith('…')).toBe(true);
  });
});

describe('shorten', () => {
  it('leaves short text alone and marks a cut with an ellipsis within the bound', () => {
    expect(shorten('abc', 3)).toBe('abc');
    expect(shorten('abcd', 3)).toBe('ab…');
  });
});
