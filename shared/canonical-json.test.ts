import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { y: [2, { d: 1, c: 0 }], x: null } })).toBe(
      '{"a":{"x":null,"y":[2,{"c":0,"d":1}]},"b":1}',
    );
  });

  it('drops undefined members and serializes undefined itself as null', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});
