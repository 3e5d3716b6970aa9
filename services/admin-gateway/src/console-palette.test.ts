import { describe, expect, it } from 'vitest';
import { BADGE, contrastRatio } from '../console/src/ui/palette.js';

describe('console badge palette', () => {
  it('computes WCAG ratios (black on white is 21, Mantine green.9 under AA)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#2b8a3e', '#ffffff')).toBeLessThan(4.5);
  });

  it.each(Object.entries(BADGE))('%s (%s) under white text meets AA 4.5:1', (_tone, hex) => {
    expect(contrastRatio(hex, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});
