import fc from 'fast-check';
import { afterAll, beforeAll } from 'vitest';
import { describe, expect, test } from '@platform/testkit';
import { readExchangeFile, type EntityChange } from '@platform/exchange-protocol';
import { brigadeArb } from '@platform/exchange-protocol/testing';
import { importExchangeFile, readEntities, writeOnHub } from '@platform/exchange-server';
import { BOOT_TIMEOUT_MS, fastRetry, joinNode, openNode, startHub } from './client.fixture.js';
import type { ExchangeNode } from './exchange-node.js';
import { syncNode, type SyncProgress } from './sync.js';
import { TransientSyncError } from './errors.js';

let node: ExchangeNode;
beforeAll(async () => {
  node = await openNode(4);
}, BOOT_TIMEOUT_MS);
afterAll(async () => node.close());

const brigades = (min: number, max: number) =>
  fc.uniqueArray(brigadeArb().map((b) => ({ ...b, operation: 'INSERT' as const, data: { ...b.data, is_deleted: false } })), { minLength: min, maxLength: max, selector: (b) => b.uuid });

async function hubHas(db: Parameters<typeof startHub>[0], hub: Awaited<ReturnType<typeof startHub>>['hub'], uuid: string) {
  const [stored] = await readEntities(db, hub.registry.get('Brigade'), [uuid]);
  return stored?.data;
}

describe('node and hub', () => {
  test('Feature: sync-system, Property 25: Progress feedback provision', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(brigades(6, 14).chain((all) => fc.integer({ min: 1, max: all.length - 1 }).map((split) => [all.slice(0, split), all.slice(split)] as const)), async ([mine, theirs]) => {
        const { hub, app } = await startHub(db, 3);
        const transport = await joinNode(db, hub, app, node, 'PROGRESS');
        await writeOnHub(hub, theirs);
        for (const b of mine) await node.put('Brigade', b.data, b.uuid);
        const events: SyncProgress[] = [];
        await syncNode(node, transport, { onProgress: (p) => events.push(p), ...fastRetry });
        for (const phase of ['upload', 'download'] as const) {
          const seen = events.filter((e) => e.phase === phase);
          const total = phase === 'upload' ? mine.length : theirs.length;
          expect(seen.length).toBeGreaterThan(1);
          for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
          for (const e of seen) expect(e.done).toBeLessThanOrEqual(e.total);
          expect(seen.at(-1)).toEqual({ phase, done: total, total });
        }
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 35: File export completeness', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(brigades(1, 8), fc.array(fc.nat(), { maxLength: 4 }), async (created, edits) => {
        const { hub, app } = await startHub(db);
        await joinNode(db, hub, app, node, 'FILE');
        for (const b of created) await node.put('Brigade', b.data, b.uuid);
        for (const pick of edits) {
          const b = created[pick % created.length]!;
          await node.put('Brigade', { ...b.data, name: `edit ${pick}` }, b.uuid);
        }
        const file = await node.exportFile();
        const { envelope } = readExchangeFile(file);
        const local = new Map((await node.list('Brigade')).map((e) => [e.uuid, e.data]));
        expect(new Map(envelope.body.entities.map((e: EntityChange) => [e.uuid, e.data]))).toEqual(local);
        expect(envelope.body.entities).toHaveLength(created.length);
        // carried to the hub and the reply carried back: nothing left pending, the hub has it all
        const result = await importExchangeFile(hub, file);
        const { writeExchangeFile } = await import('@platform/exchange-protocol');
        await node.importReplyFile(writeExchangeFile(result.reply));
        expect(await node.pendingCount()).toBe(0);
        for (const [uuid, data] of local) expect(await hubHas(db, hub, uuid)).toEqual(data);
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 37: Queue integrity maintenance', async ({ db }) => {
    const stepArb = fc.oneof(
      brigadeArb().map((b) => ({ kind: 'edit' as const, b })),
      fc.nat().map((pick) => ({ kind: 'update' as const, pick })),
      fc.constantFrom({ kind: 'round' as const }, { kind: 'dropped' as const }, { kind: 'offline' as const }, { kind: 'export' as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 14 }), async (steps) => {
        const { hub, app } = await startHub(db, 3);
        const transport = await joinNode(db, hub, app, node, 'QUEUE');
        const latest = new Map<string, Record<string, unknown>>();
        const round = async () => node.handleReply(await transport.exchange(await node.nextEnvelope()));
        for (const step of steps) {
          if (step.kind === 'edit') latest.set(step.b.uuid, (await node.put('Brigade', { ...step.b.data, is_deleted: false }, step.b.uuid)).data);
          else if (step.kind === 'update' && latest.size > 0) {
            const uuid = [...latest.keys()][step.pick % latest.size]!;
            latest.set(uuid, (await node.put('Brigade', { ...latest.get(uuid), name: `n${step.pick}`, updated_at: undefined }, uuid)).data);
          } else if (step.kind === 'round') await round();
          else if (step.kind === 'dropped') {
            transport.dropNextReplies = 1;
            await expect(round()).rejects.toBeInstanceOf(TransientSyncError);
          } else if (step.kind === 'offline') {
            transport.unreachable = true;
            await expect(round()).rejects.toBeInstanceOf(TransientSyncError);
            transport.unreachable = false;
          } else if (step.kind === 'export') await node.exportFile();
          // invariant: every edit is either acknowledged by the hub with its latest data, or still queued
          const { rows } = await node.db.query<{ uuid: string }>('SELECT uuid FROM outbox');
          const queued = new Set(rows.map((r) => r.uuid));
          expect(queued.size).toBeLessThanOrEqual(rows.length);
          for (const [uuid, data] of latest) if (!queued.has(uuid)) expect(await hubHas(db, hub, uuid)).toEqual(data);
          const retained = await node.db.query('SELECT packet_no FROM outgoing_packets');
          expect(retained.rows.length).toBeLessThanOrEqual(1);
        }
        await syncNode(node, transport, fastRetry);
        expect(await node.pendingCount()).toBe(0);
        for (const [uuid, data] of latest) expect(await hubHas(db, hub, uuid)).toEqual(data);
        const incoming = await db.selectFrom('exchange.packets').select('packet_no').where('direction', '=', 'incoming').orderBy('packet_no').execute();
        expect(incoming.map((p) => p.packet_no)).toEqual(incoming.map((_, i) => i + 1));
      }),
      { numRuns: 100 },
    );
  });

  test('a damaged retained packet is never sent', async ({ db }) => {
    const { hub, app } = await startHub(db);
    await joinNode(db, hub, app, node, 'DAMAGE');
    const [b] = fc.sample(brigades(1, 1), { numRuns: 1, seed: 9 })[0]!;
    await node.put('Brigade', b!.data, b!.uuid);
    await node.nextEnvelope();
    await node.db.exec(`UPDATE outgoing_packets SET entities = entities || '\\x00'::bytea`);
    await expect(node.nextEnvelope()).rejects.toThrow(/fails its checksum/);
  });
});
