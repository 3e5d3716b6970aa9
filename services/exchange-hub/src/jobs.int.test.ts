import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, test } from '@platform/testkit';
import { batchesArb } from '@platform/exchange-protocol/testing';
import { writeOnHub } from './core/hub-writes.js';
import { createTestHub, resetExchange, SimNode } from './core/hub.fixture.js';
import { createProducer } from '@platform/queues';
import { exchangeHandlers } from './jobs.js';
import { preparePacketsAhead } from './prepare-ahead.js';

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
    expect(await handlers['purge-acknowledged']({}, noContext)).toEqual({ deleted: 0 });
    await sql`UPDATE exchange.packets SET acknowledged_at = now() - interval '8 days' WHERE packet_no = 1 AND direction = 'outgoing'`.execute(db);
    expect(await handlers['purge-acknowledged']({ nodeId: node.id }, noContext)).toEqual({ deleted: 1 });
    const left = await db.selectFrom('exchange.packets').select(['direction', 'packet_no']).where('packet_no', '=', 1).execute();
    expect(left).toEqual([]);
    expect(await handlers['prepare-packets']({ nodeId: '3f1d0a6e-0000-4000-8000-000000000000' }, noContext)).toMatchObject({ built: false });
  });

  test('an upload from one node queues prepare-packets once for every other enabled node, and the queued job builds the packet', async ({ db, redis, prefix }) => {
    await resetExchange(db);
    const hub = await createTestHub(db, { batchSize: 2 });
    const [a, b, c] = [await SimNode.register(hub, 'AHEAD-A'), await SimNode.register(hub, 'AHEAD-B'), await SimNode.register(hub, 'AHEAD-C')];
    await db.updateTable('exchange.sync_nodes').set({ enabled: false }).where('id', '=', c.id).execute();
    await writeOnHub(hub, fc.sample(batchesArb.filter((x) => x.length > 0), { numRuns: 1, seed: 7 })[0]!);
    const producer = createProducer({ connection: redis, prefix });
    try {
      expect(await preparePacketsAhead(db, producer, a.id)).toBe(1);
      expect(await preparePacketsAhead(db, producer, a.id), 'a second upload before the build is deduplicated, not queued twice').toBe(1);
      const waiting = await producer.queue('exchange').getJobs(['waiting', 'prioritized', 'delayed']);
      expect(waiting.map((j) => [j.name, j.data.nodeId])).toEqual([['prepare-packets', b.id]]);
      expect(await exchangeHandlers(hub)['prepare-packets'](waiting[0]!.data, noContext)).toMatchObject({ built: true, packetNo: 1 });
    } finally {
      await producer.close();
    }
  });
});
