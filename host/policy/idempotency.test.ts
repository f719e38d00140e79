import { describe, expect, it } from 'vitest';
import { isIdempotent } from './idempotency.js';

describe('isIdempotent', () => {
  const readOnly = { readOnlyHint: true };
  it('lets an explicit override win', () => {
    expect(isIdempotent({ override: false, trustAnnotations: true, annotations: readOnly })).toBe(false);
    expect(isIdempotent({ override: true, trustAnnotations: false, annotations: undefined })).toBe(true);
  });
  it('uses annotations only for trusted servers', () => {
    expect(isIdempotent({ override: null, trustAnnotations: false, annotations: readOnly })).toBe(false);
    expect(isIdempotent({ override: null, trustAnnotations: true, annotations: readOnly })).toBe(true);
    expect(
      isIdempotent({ override: null, trustAnnotations: true, annotations: { idempotentHint: true } }),
    ).toBe(true);
    expect(
      isIdempotent({ override: null, trustAnnotations: true, annotations: { destructiveHint: true } }),
    ).toBe(false);
  });
});
