import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkSchemaVersion } from './schema-version.js';

const part = fc.nat(30);
const version = fc.tuple(part, part, part);
const str = (v: readonly number[]) => v.join('.');
const cmp = (a: readonly number[], b: readonly number[]) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;

describe('schema version rule', () => {
  test('Feature: sync-system, Property 17: Schema version validation', () => {
    fc.assert(
      fc.property(version, version, version, (peer, x, y) => {
        const [min, current] = cmp(x, y) <= 0 ? [x, y] : [y, x];
        const minimum = [current[0], min[0] === current[0] ? min[1] : 0, min[0] === current[0] ? min[2] : 0];
        const policy = { current: str(current), minimum: str(minimum) };
        const compatible = peer[0] === current[0] && cmp(peer, minimum) >= 0;
        if (compatible) expect(() => checkSchemaVersion(str(peer), policy)).not.toThrow();
        else {
          const code = peer[0] !== current[0] ? 'schema_version_incompatible' : 'schema_version_outdated';
          expect(() => checkSchemaVersion(str(peer), policy)).toThrow(expect.objectContaining({ code, has: str(peer) }));
        }
      }),
      { numRuns: 100 },
    );
  });

  test('a version that is not MAJOR.MINOR.PATCH is refused, a bad policy is a programming error', () => {
    expect(() => checkSchemaVersion('1.2', { current: '1.2.0', minimum: '1.0.0' })).toThrow(
      expect.objectContaining({ code: 'invalid_schema_version' }),
    );
    expect(() => checkSchemaVersion('1.2.0', { current: '1.2.0', minimum: '2.0.0' })).toThrow(RangeError);
  });
});
