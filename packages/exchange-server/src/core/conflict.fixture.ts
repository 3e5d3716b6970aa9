import fc from 'fast-check';
import type { Kysely } from 'kysely';
import type { Database } from '@platform/db';
import type { EntityChange } from '@platform/exchange-protocol';
import { brigadeArb, dailyReportArb, uuidArb } from '@platform/exchange-protocol/testing';
import { writeOnHub } from './hub-writes.js';
import { createTestHub, resetExchange, SimNode } from './hub.fixture.js';

/** One entity in three versions: the base everyone has, the hub's (or node B's) edit, node A's concurrent edit. */
export interface ConflictCase {
  brigade: EntityChange;
  base: EntityChange;
  other: EntityChange;
  mine: EntityChange;
  /** The other edit comes from desktop B through the hub instead of from the hub itself. */
  viaNodeB: boolean;
  /** false: the hub never changed the entity, so A's edit is no conflict. */
  concurrent: boolean;
}

const versions = (arb: (uuid: fc.Arbitrary<string>) => fc.Arbitrary<EntityChange>) =>
  uuidArb.chain((uuid) => fc.tuple(arb(fc.constant(uuid)), arb(fc.constant(uuid)), arb(fc.constant(uuid))));

export const conflictCaseArb = (type: 'Brigade' | 'DailyReport', concurrent: fc.Arbitrary<boolean> = fc.constant(true)): fc.Arbitrary<ConflictCase> =>
  brigadeArb()
    .map((b) => ({ ...b, operation: 'INSERT' as const, data: { ...b.data, is_deleted: false } }))
    .chain((brigade) =>
      fc.record({
        brigade: fc.constant(brigade),
        trio: type === 'Brigade' ? versions((u) => brigadeArb(u)) : versions((u) => dailyReportArb(brigade.uuid, u)),
        viaNodeB: fc.boolean(),
        concurrent,
      }),
    )
    .filter(({ brigade, trio }) => trio[0].uuid !== brigade.uuid)
    .map(({ brigade, trio: [base, other, mine], viaNodeB, concurrent }) => ({ brigade, base, other, mine, viaNodeB, concurrent }));

/**
 * Plays the case: everyone syncs the base; the other edit reaches the hub;
 * A edits offline and syncs. Returns what the tests inspect.
 */
export async function playConflict(db: Kysely<Database>, c: ConflictCase, options: { settleB?: boolean } = {}) {
  await resetExchange(db);
  const hub = await createTestHub(db);
  const a = await SimNode.register(hub, 'A');
  const b = await SimNode.register(hub, 'B');
  await writeOnHub(hub, [c.brigade, c.base]);
  await a.syncUntilQuiet(hub);
  await b.syncUntilQuiet(hub);
  if (c.concurrent) {
    if (c.viaNodeB) {
      b.edit(c.other);
      await b.syncUntilQuiet(hub);
    } else await writeOnHub(hub, [c.other]);
  }
  a.edit(c.mine);
  const before = new Date();
  await a.syncUntilQuiet(hub);
  const after = new Date();
  // Only the convergence properties need B to take the outcome too.
  if (options.settleB) await b.syncUntilQuiet(hub);
  const history = await db.selectFrom('exchange.object_version_history').selectAll().where('entity_uuid', '=', c.mine.uuid).execute();
  const audit = await db.selectFrom('exchange.audit_log').selectAll().where('entity_uuid', '=', c.mine.uuid).execute();
  const otherOrigin = c.viaNodeB ? b.id : hub.hubNodeId;
  return { hub, a, b, history, audit, before, after, otherOrigin };
}

/** What the hub holds for the case's entity, canonical as it travels. */
export async function hubVersion(db: Kysely<Database>, hub: Awaited<ReturnType<typeof createTestHub>>, c: ConflictCase) {
  const { readEntities } = await import('./entity-store.js');
  const [stored] = await readEntities(db, hub.registry.get(c.mine.type), [c.mine.uuid]);
  return stored;
}
