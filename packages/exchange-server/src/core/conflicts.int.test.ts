import fc from 'fast-check';
import { describe, expect, test } from '@platform/testkit';
import { exampleRegistry } from '@platform/exchange-protocol';
import { conflictCaseArb, hubVersion, playConflict } from './conflict.fixture.js';

const registry = exampleRegistry();
const canonical = (c: { type: string; uuid: string; data: Record<string, unknown> }) => registry.parse(c.type, c.uuid, c.data);
const eitherType = fc.constantFrom('Brigade' as const, 'DailyReport' as const);
const anyCase = eitherType.chain((t) => conflictCaseArb(t));
/** Under the type's policy, does A's version win? */
const aWins = (c: { mine: { type: string; data: Record<string, unknown> }; other: { data: Record<string, unknown> } }) =>
  registry.policy(c.mine.type) === 'latest_timestamp' && Date.parse(String(c.mine.data.updated_at)) > Date.parse(String(c.other.data.updated_at));

describe('conflicts', () => {
  test('Feature: sync-system, Property 9: Conflict detection', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(eitherType.chain((t) => conflictCaseArb(t, fc.boolean())), async (c) => {
        const { audit } = await playConflict(db, c);
        expect(audit.length).toBe(c.concurrent ? 1 : 0);
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 10: Server-wins conflict resolution', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(conflictCaseArb('DailyReport'), async (c) => {
        const { hub, a, b, otherOrigin } = await playConflict(db, c, { settleB: true });
        const stored = await hubVersion(db, hub, c);
        expect(stored?.data).toEqual(canonical(c.other));
        expect(stored?.originNodeId).toBe(otherOrigin);
        // both desktops converge on the server's version
        expect(canonical(a.store.get(c.mine.uuid)!)).toEqual(canonical(c.other));
        expect(canonical(b.store.get(c.mine.uuid)!)).toEqual(canonical(c.other));
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 11: Timestamp-based resolution', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(conflictCaseArb('Brigade'), async (c) => {
        const { hub, a, b } = await playConflict(db, c, { settleB: true });
        const newest = aWins(c) ? c.mine : c.other;
        expect((await hubVersion(db, hub, c))?.data).toEqual(canonical(newest));
        expect(canonical(a.store.get(c.mine.uuid)!)).toEqual(canonical(newest));
        expect(canonical(b.store.get(c.mine.uuid)!)).toEqual(canonical(newest));
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 12: Conflict resolution audit logging', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(anyCase, async (c) => {
        const { audit, history, a } = await playConflict(db, c);
        expect(audit).toHaveLength(1);
        expect(audit[0]).toMatchObject({
          entity_type: c.mine.type,
          node_id: a.id,
          resolution: registry.policy(c.mine.type),
          winner: aWins(c) ? 'client' : 'server',
          version_id: history[0]!.id,
        });
        expect(audit[0]!.details).toMatchObject({ hub_updated_at: canonical(c.other).updated_at, node_updated_at: canonical(c.mine).updated_at });
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 31: Version history preservation', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(anyCase, async (c) => {
        const { history } = await playConflict(db, c);
        expect(history).toHaveLength(1);
        expect(history[0]).toMatchObject({ entity_type: c.mine.type, conflict_resolution: registry.policy(c.mine.type) });
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 32: Source node recording', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(anyCase, async (c) => {
        const { history, a, otherOrigin } = await playConflict(db, c);
        expect(history[0]!.source_node_id).toBe(aWins(c) ? otherOrigin : a.id);
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 33: Arrival timestamp recording', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(anyCase, async (c) => {
        const { history, before, after } = await playConflict(db, c);
        // the database clock and ours may differ by a little; a second is plenty on one host
        expect(history[0]!.arrival_time.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
        expect(history[0]!.arrival_time.getTime()).toBeLessThanOrEqual(after.getTime() + 1000);
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 34: Complete field serialization', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(anyCase, async (c) => {
        const { history } = await playConflict(db, c);
        const loser = aWins(c) ? c.other : c.mine;
        expect(history[0]!.serialized_data).toEqual(canonical(loser));
      }),
      { numRuns: 100 },
    );
  });
});
