import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { brigadeArb, dailyReportArb, uuidArb } from '@platform/exchange-protocol/testing';
import { BOOT_TIMEOUT_MS, openNode, wipeNode } from './client.fixture.js';
import type { ExchangeNode } from './exchange-node.js';
import { syncNode } from './sync.js';
import { HttpsTransport } from './transport.js';

let node: ExchangeNode;
beforeAll(async () => {
  node = await openNode();
}, BOOT_TIMEOUT_MS);
afterAll(async () => node.close());

type Op = { kind: 'brigade' | 'report' | 'delete'; pick: number; change: ReturnType<typeof fc.sample<unknown>>[number] };

const opArb = fc.oneof(
  brigadeArb().map((change) => ({ kind: 'brigade' as const, change, pick: 0 })),
  fc.tuple(fc.nat(), dailyReportArb(fc.constant('00000000-0000-4000-8000-000000000000'))).map(([pick, change]) => ({ kind: 'report' as const, change, pick })),
  fc.nat().map((pick) => ({ kind: 'delete' as const, change: undefined, pick })),
);

describe('offline node', () => {
  test('Feature: sync-system, Property 1: Offline operation support', async () => {
    // No hub anywhere: port 9 on localhost refuses every connection.
    const offline = new HttpsTransport({ url: 'https://127.0.0.1:9', token: 'exn_offline-token' });
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), uuidArb, async (ops, nodeId) => {
        await wipeNode(node);
        await node.setIdentity({ nodeId, hubNodeId: '6f1c1c7e-2f5b-4c0e-8d7a-6a9f3b1d2c4e' });
        const expected = new Map<string, unknown>();
        const brigades: string[] = [];
        for (const op of ops as Op[]) {
          if (op.kind === 'brigade') {
            const c = op.change as { uuid: string; data: Record<string, unknown> };
            if (expected.has(c.uuid) && !brigades.includes(c.uuid)) continue;
            const saved = await node.put('Brigade', c.data, c.uuid);
            expected.set(c.uuid, saved.data);
            if (!brigades.includes(c.uuid)) brigades.push(c.uuid);
          } else if (op.kind === 'report' && brigades.length > 0) {
            const c = op.change as { uuid: string; data: Record<string, unknown> };
            if (expected.has(c.uuid)) continue;
            const saved = await node.put('DailyReport', { ...c.data, brigade_id: brigades[op.pick % brigades.length] }, c.uuid);
            expected.set(c.uuid, saved.data);
          } else if (op.kind === 'delete' && expected.size > 0) {
            const uuid = [...expected.keys()][op.pick % expected.size]!;
            const current = await node.get(uuid);
            expected.set(uuid, (await node.remove(current!.type, uuid)).data);
          }
        }
        // every operation succeeded locally and is queued once, with its latest state
        for (const [uuid, data] of expected) expect((await node.get(uuid))?.data).toEqual(data);
        expect(await node.pendingCount()).toBe(expected.size);
        const envelope = await node.nextEnvelope(Number.MAX_SAFE_INTEGER);
        expect(new Map(envelope.body.entities.map((e) => [e.uuid, e.data]))).toEqual(expected);
        // a sync attempt while offline fails as transient and loses nothing
        await expect(syncNode(node, offline, { maxAttempts: 1 })).rejects.toMatchObject({ name: 'TransientSyncError' });
        expect(await node.pendingCount()).toBe(expected.size);
      }),
      { numRuns: 100 },
    );
  });

  test('bad local edits are refused with a specific error and leave nothing queued', async () => {
    await wipeNode(node);
    await node.setIdentity({ nodeId: '0d4b8f2a-1c3e-4f5a-9b6c-7d8e9f0a1b2c', hubNodeId: '6f1c1c7e-2f5b-4c0e-8d7a-6a9f3b1d2c4e' });
    await expect(node.put('Brigade', { name: 'x' })).rejects.toMatchObject({ code: 'invalid_entity' });
    await expect(node.put('Invoice', {})).rejects.toMatchObject({ code: 'unknown_entity_type' });
    await expect(node.put('DailyReport', { date: '2026-01-02', brigade_id: '0d4b8f2a-1c3e-4f5a-9b6c-7d8e9f0a1b2d', notes: null, lines: [] })).rejects.toMatchObject({ code: 'missing_reference' });
    expect(await node.pendingCount()).toBe(0);
    expect(() => new HttpsTransport({ url: 'http://hub.local:9443', token: 'exn_x' })).toThrow(/https/);
  });
});
