import fc from 'fast-check';
import { describe, expect, test } from '@platform/testkit';
import { enableExchangeNode, retentionFloor, trimChangeLog } from '@platform/db';
import { intactBatchArb } from '@platform/exchange-protocol/testing';
import { writeOnHub } from './hub-writes.js';
import { createTestHub, resetExchange, SimNode } from './hub.fixture.js';

const uuidsOf = (node: SimNode) => new Set(node.store.keys());

describe('change log retention', () => {
  test('the log is trimmed below the lowest enabled cursor; a late node and a node re-enabled past the trim still get everything', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(intactBatchArb, intactBatchArb, async (first, second) => {
        await resetExchange(db);
        const hub = await createTestHub(db, { batchSize: 3 });
        const a = await SimNode.register(hub, 'A');
        const b = await SimNode.register(hub, 'B');
        const brief = await SimNode.register(hub, 'BRIEF');
        await db.updateTable('exchange.sync_nodes').set({ enabled: false }).where('id', 'in', [b.id, brief.id]).execute();

        await writeOnHub(hub, first);
        // Disabled too briefly to miss anything: nothing was trimmed past its cursor.
        expect(await db.transaction().execute((trx) => enableExchangeNode(trx, hub.registry, brief.id))).toEqual({ reinitialised: false });
        await brief.syncUntilQuiet(hub);
        await a.syncUntilQuiet(hub);
        await writeOnHub(hub, second);
        await a.syncUntilQuiet(hub);
        await brief.syncUntilQuiet(hub);

        // B is disabled, so it holds nothing back; A and BRIEF acknowledged everything.
        const floor = await retentionFloor(db);
        expect(floor.heldBy?.code).toMatch(/^(A|BRIEF)$/);
        const trimmed = await trimChangeLog(db);
        expect(trimmed.deletedRows).toBeGreaterThan(0);
        const left = await db.selectFrom('exchange.change_log').select('position').execute();
        expect(left.every((r) => r.position >= trimmed.floor)).toBe(true);
        expect(left.length).toBeGreaterThan(0);

        const everything = new Set([...first, ...second].map((c) => c.uuid));
        const late = await SimNode.register(hub, 'LATE');
        await late.syncUntilQuiet(hub);
        expect(uuidsOf(late)).toEqual(everything);

        expect(await db.transaction().execute((trx) => enableExchangeNode(trx, hub.registry, b.id))).toEqual({ reinitialised: true });
        await b.syncUntilQuiet(hub);
        expect(uuidsOf(b)).toEqual(everything);
        expect(uuidsOf(a)).toEqual(everything);
      }),
      { numRuns: 20 },
    );
  });
});
