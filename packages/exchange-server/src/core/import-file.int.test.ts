import fc from 'fast-check';
import { describe, expect, test } from '@platform/testkit';
import { writeExchangeFile } from '@platform/exchange-protocol';
import { batchesArb } from '@platform/exchange-protocol/testing';
import { readEntities } from './entity-store.js';
import { createTestHub, resetExchange, SimNode } from './hub.fixture.js';
import { importExchangeFile } from './import-file.js';

describe('exchange files on the hub', () => {
  test('Feature: sync-system, Property 36: File import correctness', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(batchesArb, fc.integer({ min: 1, max: 3 }), async (changes, imports) => {
        await resetExchange(db);
        const hub = await createTestHub(db);
        const node = await SimNode.register(hub, 'FIELD-1');
        for (const change of changes) node.edit(change);
        const file = writeExchangeFile(node.envelope(hub));
        const results = [];
        for (let i = 0; i < imports; i++) results.push(await importExchangeFile(hub, file));
        expect(results.map((r) => r.duplicate)).toEqual(results.map((_, i) => i > 0));
        const last = new Map(changes.map((c) => [c.uuid, c]));
        for (const change of last.values()) {
          const [stored] = await readEntities(db, hub.registry.get(change.type), [change.uuid]);
          expect(stored?.data).toEqual(hub.registry.parse(change.type, change.uuid, change.data));
        }
        const incoming = await db.selectFrom('exchange.packets').select('packet_no').where('direction', '=', 'incoming').execute();
        expect(incoming).toEqual([{ packet_no: 1 }]);
      }),
      { numRuns: 100 },
    );
  });

  test('a corrupt file is refused before anything is applied; an unknown sender is refused', async ({ db }) => {
    await resetExchange(db);
    const hub = await createTestHub(db);
    const node = await SimNode.register(hub, 'FIELD-2');
    node.edit(fc.sample(batchesArb, { numRuns: 1, seed: 11 })[0]![0]!);
    const file = JSON.parse(writeExchangeFile(node.envelope(hub))) as { packet: string };
    const damaged = JSON.stringify({ ...file, packet: `A${file.packet.slice(1)}` });
    await expect(importExchangeFile(hub, damaged)).rejects.toMatchObject({ code: 'corrupt_file' });
    const stranger = new SimNode('7b0cf0a4-6e4c-4a43-9a57-3f7b3c1f2d10');
    stranger.edit(fc.sample(batchesArb, { numRuns: 1, seed: 12 })[0]![0]!);
    await expect(importExchangeFile(hub, writeExchangeFile(stranger.envelope(hub)))).rejects.toMatchObject({ code: 'unknown_node' });
    expect(await db.selectFrom('exchange.packets').selectAll().execute()).toEqual([]);
  });
});
