import fc from 'fast-check';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from '@platform/testkit';
import { pendingForNode } from '@platform/db';
import { envelopeSchema } from '@platform/exchange-protocol';
import { batchesArb, brigadeArb } from '@platform/exchange-protocol/testing';
import { writeOnHub } from './hub-writes.js';
import { createTestHub, resetExchange, SimNode } from './hub.fixture.js';

describe('packets and delivery', () => {
  test('Feature: sync-system, Property 2: Automatic synchronization completeness', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(batchesArb, fc.integer({ min: 1, max: 4 }), async (changes, batch) => {
        await resetExchange(db);
        const hub = await createTestHub(db);
        const node = await SimNode.register(hub, 'N1', batch);
        for (const change of changes) node.edit(change);
        await node.syncUntilQuiet(hub);
        expect(node.pending).toEqual([]);
        expect(node.inFlight).toBeUndefined();
        const row = await db.selectFrom('exchange.sync_nodes').select('received_packet_no').where('id', '=', node.id).executeTakeFirstOrThrow();
        expect(row.received_packet_no).toBe(node.lastSentNo);
        expect(node.rejected).toEqual([]);
        const brigades = await db.selectFrom('exchange.brigades').select('uuid').execute();
        const reports = await db.selectFrom('exchange.daily_reports').select('uuid').execute();
        expect(new Set([...brigades, ...reports].map((r) => r.uuid))).toEqual(new Set(changes.map((c) => c.uuid)));
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 5: Packet-based delivery protocol', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(batchesArb, async (changes) => {
        await resetExchange(db);
        const hub = await createTestHub(db, { batchSize: 3 });
        await writeOnHub(hub, changes);
        const node = await SimNode.register(hub, 'N1');
        const reply = await node.round(hub);
        expect(envelopeSchema.parse(reply)).toEqual(reply);
        expect(reply!.header).toMatchObject({ sender_node_id: hub.hubNodeId, recipient_node_id: node.id, packet_no: 1 });
        // until acknowledged the packet is held as sent, with its checksum
        const stored = await db.selectFrom('exchange.packets').selectAll().where('node_id', '=', node.id).executeTakeFirstOrThrow();
        expect(stored).toMatchObject({ direction: 'outgoing', status: 'sent', entity_count: reply!.body.entities.length });
        // the packet is the node's view of one stored log segment: resending it needs nothing else
        const segment = await db.selectFrom('exchange.log_segments').selectAll().where('start_position', '=', stored.log_from!).executeTakeFirstOrThrow();
        expect(segment.end_position).toBe(stored.log_to);
        const segmentEntities = (JSON.parse(gunzipSync(segment.payload).toString()) as { change: unknown }[]).map((e) => e.change);
        expect(segmentEntities).toEqual(reply!.body.entities);
        await node.round(hub);
        const acked = await db.selectFrom('exchange.packets').selectAll().where('node_id', '=', node.id).where('packet_no', '=', 1).executeTakeFirstOrThrow();
        expect(acked).toMatchObject({ status: 'acknowledged' });
        const cursor = await db.selectFrom('exchange.sync_nodes').select('log_cursor').where('id', '=', node.id).executeTakeFirstOrThrow();
        expect(cursor.log_cursor).toBe(stored.log_to);
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 6: Packet retention until acknowledgment', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(batchesArb, fc.integer({ min: 1, max: 4 }), async (changes, drops) => {
        await resetExchange(db);
        const hub = await createTestHub(db, { batchSize: 2 });
        await writeOnHub(hub, changes);
        const node = await SimNode.register(hub, 'N1');
        const first = await node.envelope(hub);
        for (let i = 0; i < drops; i++) await node.round(hub, true);
        const held = await db.selectFrom('exchange.packets').select(['packet_no', 'status']).where('node_id', '=', node.id).execute();
        expect(held).toEqual([{ packet_no: 1, status: 'sent' }]);
        // nothing acknowledged: the cursor has not moved and every change still waits in the log
        expect(new Set((await pendingForNode(db, node.id)).map((r) => r.entity_uuid))).toEqual(new Set(changes.map((c) => c.uuid)));
        expect(first.header.ack_packet_no).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 7: Retry on timeout', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(batchesArb, batchesArb, fc.integer({ min: 1, max: 3 }), async (hubChanges, nodeChanges, drops) => {
        await resetExchange(db);
        const hub = await createTestHub(db, { batchSize: 2 });
        await writeOnHub(hub, hubChanges);
        const node = await SimNode.register(hub, 'N1', 2);
        for (const change of nodeChanges) node.edit(change);
        const sent = node.envelope(hub);
        const lost: unknown[] = [];
        for (let i = 0; i < drops; i++) {
          const { exchange } = await import('./hub.js');
          lost.push((await exchange(hub, node.id, sent)).reply.body.entities);
        }
        // the retry carries the same packet number; the hub answers with the same packet
        const reply = await node.round(hub);
        expect(reply!.header.ack_packet_no).toBe(sent.header.packet_no);
        for (const entities of lost) expect(entities).toEqual(reply!.body.entities);
        const incoming = await db.selectFrom('exchange.packets').select('packet_no').where('direction', '=', 'incoming').execute();
        expect(incoming).toEqual([{ packet_no: 1 }]);
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 8: At-least-once delivery guarantee', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(batchesArb, fc.array(fc.boolean(), { maxLength: 12 }), async (changes, dropPattern) => {
        await resetExchange(db);
        const hub = await createTestHub(db, { batchSize: 2 });
        const node = await SimNode.register(hub, 'N1');
        await writeOnHub(hub, changes);
        for (const drop of dropPattern) await node.round(hub, drop);
        await node.syncUntilQuiet(hub);
        const delivered = new Set(node.appliedPackets.flatMap((p) => p.entities.map((e) => e.uuid)));
        for (const change of changes) expect(delivered.has(change.uuid)).toBe(true);
        expect(await pendingForNode(db, node.id)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 23: Batch processing optimization', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(brigadeArb(), { minLength: 1, maxLength: 12, selector: (b) => b.uuid }), fc.integer({ min: 1, max: 5 }), async (changes, batchSize) => {
        await resetExchange(db);
        const hub = await createTestHub(db, { batchSize });
        await writeOnHub(hub, changes);
        const node = await SimNode.register(hub, 'N1');
        await node.syncUntilQuiet(hub);
        const sizes = node.appliedPackets.map((p) => p.entities.length);
        expect(sizes).toEqual(Array.from({ length: Math.ceil(changes.length / batchSize) }, (_, i) => Math.min(batchSize, changes.length - i * batchSize)));
        expect(node.appliedPackets.map((p) => p.packetNo)).toEqual(sizes.map((_, i) => i + 1));
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 24: Redundant transmission avoidance', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(batchesArb, batchesArb, async (first, second) => {
        await resetExchange(db);
        const hub = await createTestHub(db, { batchSize: 3 });
        const node = await SimNode.register(hub, 'N1');
        await writeOnHub(hub, first);
        await node.syncUntilQuiet(hub);
        const acknowledged = node.appliedPackets.length;
        await writeOnHub(hub, second);
        await node.syncUntilQuiet(hub);
        const later = node.appliedPackets.slice(acknowledged).flatMap((p) => p.entities.map((e) => e.uuid));
        const onlyFirst = first.map((c) => c.uuid).filter((u) => !second.some((c) => c.uuid === u));
        for (const uuid of onlyFirst) expect(later).not.toContain(uuid);
        expect(new Set(later)).toEqual(new Set(second.map((c) => c.uuid)));
      }),
      { numRuns: 100 },
    );
  });
});
