import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, test } from '@platform/testkit';
import { batchesArb } from '@platform/exchange-protocol/testing';
import { writeOnHub } from '@platform/exchange-server';
import { createTestHub, resetExchange, SimNode } from '@platform/exchange-server/testing';
import { exchangeHandlers } from './jobs.js';

// The handlers take (payload, context); these jobs use no context.
const noContext = {} as never;

describe('exchange queue handlers', () => {
  test('prepare-packets builds the next packet once, the node then gets exactly it; purge drops only old acknowledged packets', async ({ db }) => {
    await resetExchange(db);
    const hub = await createTestHub(db, { batchSize: 2 });
    const handlers = exchangeHandlers(hub);
    const node = await SimNode.register(hub, 'JOBS');
    await writeOnHub(hub, fc.sample(batchesArb.filter((b) => b.length > 2), { numRuns: 1, seed: 4 })[0]!);

    expect(await handlers['prepare-packets']({ nodeId: node.id }, noContext)).toEqual({ built: true, packetNo: 1 });
    expect(await handlers['prepare-packets']({ nodeId: node.id }, noContext)).toMatchObject({ built: false, reason: 'packet 1 is still unacknowledged' });
    const prepared = await db.selectFrom('exchange.packets').select('entity_count').where('node_id', '=', node.id).executeTakeFirstOrThrow();
    const reply = await node.round(hub);
    expect(reply!.header.packet_no).toBe(1);
    expect(reply!.body.entities).toHaveLength(prepared.entity_count);

    await node.syncUntilQuiet(hub);
    // the only node acknowledged everything: the log below its cursor goes, the row at it stays
    expect(await handlers['purge-acknowledged']({}, noContext)).toMatchObject({ deleted: 0, logHeldBy: 'JOBS' });
    expect((await db.selectFrom('exchange.change_log').select('position').execute()).length).toBe(1);
    await sql`UPDATE exchange.packets SET acknowledged_at = now() - interval '8 days' WHERE packet_no = 1 AND direction = 'outgoing'`.execute(db);
    expect(await handlers['purge-acknowledged']({ nodeId: node.id }, noContext)).toMatchObject({ deleted: 1 });
    const left = await db.selectFrom('exchange.packets').select(['direction', 'packet_no']).where('packet_no', '=', 1).execute();
    expect(left).toEqual([]);
    expect(await handlers['prepare-packets']({ nodeId: '3f1d0a6e-0000-4000-8000-000000000000' }, noContext)).toMatchObject({ built: false });
  });
});
