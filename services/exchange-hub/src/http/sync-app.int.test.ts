import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, test } from '@platform/testkit';
import { decodeEnvelope, encodeEnvelope } from '@platform/exchange-protocol';
import { intactBatchArb } from '@platform/exchange-protocol/testing';
import { buildTestApp, envelopeFor, syncRequest } from './sync-app.fixture.js';

const countEvents = async (db: Parameters<typeof buildTestApp>[0]) =>
  (await db.selectFrom('exchange.security_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
const applied = async (db: Parameters<typeof buildTestApp>[0], nodeId: string) =>
  db.selectFrom('exchange.packets').select('packet_no').where('node_id', '=', nodeId).where('direction', '=', 'incoming').execute();

// Versions relative to the hub's policy (current 1.2.0, minimum 1.1.0).
const outdatedArb = fc.oneof(
  fc.tuple(fc.constant(1), fc.constant(0), fc.nat(50)),
  fc.tuple(fc.constant(0), fc.nat(50), fc.nat(50)),
  fc.tuple(fc.integer({ min: 2, max: 50 }), fc.nat(50), fc.nat(50)),
).map((v) => v.join('.'));
const compatibleArb = fc.tuple(fc.constant(1), fc.integer({ min: 1, max: 50 }), fc.nat(50)).map((v) => v.join('.'));

describe('sync API', () => {
  test('Feature: sync-system, Property 26: Token-based authentication', async ({ db }) => {
    const { app, hub, newNode } = await buildTestApp(db);
    const node = await newNode();
    const tokenLike = fc.oneof(fc.string({ maxLength: 60 }), fc.base64String({ minLength: 10, maxLength: 60 }).map((s) => `exn_${s.replaceAll(/[+/=]/g, '_')}`));
    await fc.assert(
      fc.asyncProperty(fc.option(tokenLike, { nil: undefined }), async (token) => {
        fc.pre(token !== node.token);
        const bad = await app.inject(syncRequest(token, envelopeFor(hub, node.id, 0, [])));
        expect(bad.statusCode).toBe(401);
        expect(bad.json().error).toBe(token ? 'invalid_token' : 'missing_token');
        const good = await app.inject(syncRequest(node.token, envelopeFor(hub, node.id, 0, [])));
        expect(good.statusCode).toBe(200);
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 28: Authentication failure handling', async ({ db }) => {
    const { app, hub, newNode } = await buildTestApp(db);
    await fc.assert(
      fc.asyncProperty(intactBatchArb, fc.constantFrom('none', 'wrong', 'other-node'), fc.ipV4(), async (batch, kind, address) => {
        const victim = await newNode();
        const other = await newNode();
        const token = kind === 'none' ? undefined : kind === 'wrong' ? `${victim.token.slice(0, -2)}xx` : other.token;
        const before = await countEvents(db);
        const response = await app.inject(syncRequest(token, envelopeFor(hub, victim.id, 1, batch), address));
        expect(response.statusCode).toBe(kind === 'other-node' ? 403 : 401);
        // rejected: nothing applied for anyone; logged: one security event naming the address
        expect(await applied(db, victim.id)).toEqual([]);
        expect(await applied(db, other.id)).toEqual([]);
        expect(await countEvents(db)).toBe(before + 1);
        const event = await db.selectFrom('exchange.security_events').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
        expect(event).toMatchObject({ event_type: kind === 'other-node' ? 'sender_mismatch' : 'auth_failed', remote_addr: address });
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 29: Per-session validation', async ({ db }) => {
    const { app, hub, newNode } = await buildTestApp(db);
    await fc.assert(
      fc.asyncProperty(fc.nat(5), fc.integer({ min: 1, max: 6 }), async (disableAfter, requests) => {
        const node = await newNode();
        for (let i = 0; i < requests; i++) {
          if (i === disableAfter) await db.updateTable('exchange.sync_nodes').set({ enabled: false }).where('id', '=', node.id).execute();
          const response = await app.inject(syncRequest(node.token, envelopeFor(hub, node.id, 0, [])));
          expect(response.statusCode).toBe(i < disableAfter ? 200 : 403);
        }
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 18: Version mismatch blocking', async ({ db }) => {
    const { app, hub, newNode } = await buildTestApp(db);
    await fc.assert(
      fc.asyncProperty(outdatedArb, intactBatchArb, async (version, batch) => {
        const node = await newNode();
        const response = await app.inject(syncRequest(node.token, envelopeFor(hub, node.id, 1, batch, { schema_version: version })));
        expect(response.statusCode).toBe(409);
        expect(await applied(db, node.id)).toEqual([]);
        const stored = await db.selectFrom('exchange.brigades').select('uuid').where('uuid', '=', batch[0]!.uuid).execute();
        expect(stored).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 19: Version mismatch error messaging', async ({ db }) => {
    const { app, hub, newNode } = await buildTestApp(db);
    const node = await newNode();
    await fc.assert(
      fc.asyncProperty(outdatedArb, async (version) => {
        const response = await app.inject(syncRequest(node.token, envelopeFor(hub, node.id, 0, [], { schema_version: version })));
        const body = response.json();
        expect(body.error).toMatch(/^schema_version_(outdated|incompatible)$/);
        expect(body.message).toContain(version);
        expect(body.message).toContain('>= 1.1.0 and < 2.0.0');
        expect(body.details).toEqual({ has: version, needs: '>= 1.1.0 and < 2.0.0' });
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 21: Compatible version processing', async ({ db }) => {
    const { app, hub, newNode } = await buildTestApp(db);
    await fc.assert(
      fc.asyncProperty(compatibleArb, intactBatchArb, async (version, batch) => {
        const node = await newNode();
        const response = await app.inject(syncRequest(node.token, envelopeFor(hub, node.id, 1, batch, { schema_version: version })));
        expect(response.statusCode).toBe(200);
        const reply = decodeEnvelope(response.rawPayload);
        expect(reply.header.ack_packet_no).toBe(1);
        expect(reply.body.rejected ?? []).toEqual([]);
        expect(await applied(db, node.id)).toEqual([{ packet_no: 1 }]);
      }),
      { numRuns: 100 },
    );
  });

  test('tampered gzip, non-gzip, wrong recipient and a packet gap each get their own error and apply nothing', async ({ db }) => {
    const { app, hub, newNode } = await buildTestApp(db);
    const node = await newNode();
    const batch = fc.sample(intactBatchArb, { numRuns: 1, seed: 3 })[0]!;
    const bytes = encodeEnvelope(envelopeFor(hub, node.id, 1, batch));
    const tampered = Buffer.from(bytes);
    tampered[tampered.length - 5]! ^= 0xff;
    const cases = [
      [syncRequest(node.token, tampered), 400, 'corrupt_packet'],
      [{ ...syncRequest(node.token, bytes), headers: { authorization: `Bearer ${node.token}`, 'content-type': 'application/json' }, payload: gunzipSync(bytes) }, 415, 'gzip_required'],
      [syncRequest(node.token, envelopeFor(hub, node.id, 1, batch, { recipient_node_id: node.id })), 400, 'wrong_recipient'],
      [syncRequest(node.token, envelopeFor(hub, node.id, 2, batch)), 409, 'packet_gap'],
      [syncRequest(node.token, envelopeFor(hub, node.id, 0, [], { ack_packet_no: 5 })), 409, 'invalid_ack'],
    ] as const;
    for (const [request, status, error] of cases) {
      const response = await app.inject(request);
      expect([response.statusCode, response.json().error]).toEqual([status, error]);
    }
    expect(await applied(db, node.id)).toEqual([]);
  });

  test('a replayed packet has no second effect and gets the same acknowledgement', async ({ db }) => {
    const { app, hub, newNode, changesAppliedBy } = await buildTestApp(db);
    const node = await newNode();
    const batch = fc.sample(intactBatchArb, { numRuns: 1, seed: 5 })[0]!;
    const request = syncRequest(node.token, envelopeFor(hub, node.id, 1, batch));
    const first = decodeEnvelope((await app.inject(request)).rawPayload);
    expect(changesAppliedBy).toEqual([node.id]);
    const countChanges = async () => (await db.selectFrom('exchange.sync_changes').selectAll().execute()).length;
    const changesAfterFirst = await countChanges();
    const replay = decodeEnvelope((await app.inject(request)).rawPayload);
    expect(replay.header.ack_packet_no).toBe(first.header.ack_packet_no);
    expect(changesAppliedBy, 'a replay changed nothing, so nothing is prepared for the other nodes').toEqual([node.id]);
    expect(await applied(db, node.id)).toEqual([{ packet_no: 1 }]);
    expect(await countChanges()).toBe(changesAfterFirst);
    // the same number with other content is refused, not silently dropped
    const reused = await app.inject(syncRequest(node.token, envelopeFor(hub, node.id, 1, batch.slice(0, 1).map((e) => ({ ...e, data: { ...e.data, name: 'other' } })))));
    expect([reused.statusCode, reused.json().error, reused.json().details]).toEqual([409, 'packet_reused', { expected: 2 }]);
    expect(await countChanges()).toBe(changesAfterFirst);
  });

  test('after the failure limit an address is refused with 429 even with a good token, other addresses are not', async ({ db }) => {
    const { app, hub, newNode } = await buildTestApp(db, { limit: 3 });
    const node = await newNode();
    for (let i = 0; i < 3; i++) expect((await app.inject(syncRequest('exn_wrong-token-000', envelopeFor(hub, node.id, 0, []), '10.9.9.9'))).statusCode).toBe(401);
    const blocked = await app.inject(syncRequest(node.token, envelopeFor(hub, node.id, 0, []), '10.9.9.9'));
    expect([blocked.statusCode, blocked.json().error]).toEqual([429, 'too_many_auth_failures']);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await app.inject(syncRequest(node.token, envelopeFor(hub, node.id, 0, []), '10.9.9.8'))).statusCode).toBe(200);
  });
});
