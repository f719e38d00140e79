import { describe, expect, it } from 'vitest';
import { callKey } from './call-key.js';

describe('callKey', () => {
  it('is the same for the same arguments in any key order', () => {
    expect(callKey('s', 't', { b: 1, a: { y: [2, { d: 1, c: 0 }], x: null } })).toBe(
      callKey('s', 't', { a: { x: null, y: [2, { c: 0, d: 1 }] }, b: 1 }),
    );
    expect(callKey('s', 't', { a: undefined, b: 1 })).toBe(callKey('s', 't', { b: 1 }));
  });

  it('differs by server, tool and arguments', () => {
    const keys = new Set([
      callKey('s', 't', { a: 1 }),
      callKey('s2', 't', { a: 1 }),
      callKey('s', 't2', { a: 1 }),
      callKey('s', 't', { a: 2 }),
    ]);
    expect(keys.size).toBe(4);
  });
});
