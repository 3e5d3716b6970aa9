import { randomUUID } from 'node:crypto';
import { authenticateExchangeNode, hashNodeToken, pendingForNode, type Database, type Kysely } from '@platform/db';
import { describe, expect, test } from '@platform/testkit';
import { createAccount, startApp } from './app.fixture.js';

// The hub's own token check (`authenticateExchangeNode`, what exchange-hub runs on every request)
// decides whether a token the gateway issued is good: the two must agree on the hash.

async function hubWithBrigade(db: Kysely<Database>): Promise<{ hubId: string; brigade: string }> {
  const hub = await db.insertInto('exchange.sync_nodes').values({ code: `HUB-${randomUUID().slice(0, 6)}`, name: 'Central hub', role: 'hub' }).returning('id').executeTakeFirstOrThrow();
  const brigade = randomUUID();
  await db.insertInto('exchange.brigades').values({ uuid: brigade, name: 'North', foreman: null, updated_at: new Date(), is_deleted: false, origin_node_id: hub.id }).execute();
  return { hubId: hub.id, brigade };
}

describe('exchange routes', () => {
  test('an admin registers a node: the token is shown once, stored hashed, audited without it, and the hub accepts it', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const { brigade } = await hubWithBrigade(db);
      const res = await app.inject({ method: 'POST', url: '/api/exchange/nodes', headers: admin.auth, payload: { code: 'DESKTOP-1', name: 'Site office' } });
      expect(res.statusCode).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const { id, code, token } = res.json();
      expect(code).toBe('DESKTOP-1');

      const auth = await authenticateExchangeNode(db, `Bearer ${token}`);
      expect(auth).toMatchObject({ ok: true, node: { id, code: 'DESKTOP-1', name: 'Site office' } });
      expect(await authenticateExchangeNode(db, `Bearer ${token}x`)).toEqual({ ok: false, reason: 'invalid_token' });

      const row = await db.selectFrom('exchange.sync_nodes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(hashNodeToken(token));
      expect(JSON.stringify(row)).not.toContain(token);
      const audit = await db.selectFrom('platform.admin_audit_log').selectAll().where('action', '=', 'exchange-node.register').execute();
      expect(audit).toEqual([expect.objectContaining({ actor: admin.username, target_id: id, outcome: 'succeeded' })]);
      expect(JSON.stringify(audit)).not.toContain(token);

      // The new node is owed the complete initial image; nothing was exchanged yet.
      const queued = await pendingForNode(db, id);
      expect(queued).toEqual([{ entity_type: 'Brigade', entity_uuid: brigade }]);
      const list = await app.inject({ url: '/api/exchange/nodes', headers: admin.auth });
      // Desktop nodes only, not the hub's own row.
      expect(list.json().items).toEqual([
        expect.objectContaining({ id, code: 'DESKTOP-1', enabled: true, pendingChanges: 1, quarantined: 0, receivedPacketNo: 0, sentPacketNo: 0, lastSyncIn: null }),
      ]);
      expect(list.body).not.toContain(token);
    } finally {
      await close();
    }
  });

  test('a taken code is a 409 that writes nothing; a bad code is a 400 naming it', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const first = await app.inject({ method: 'POST', url: '/api/exchange/nodes', headers: admin.auth, payload: { code: 'DUP-1', name: 'One' } });
      expect(first.statusCode).toBe(201);
      const again = await app.inject({ method: 'POST', url: '/api/exchange/nodes', headers: admin.auth, payload: { code: 'DUP-1', name: 'Two' } });
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toMatch(/DUP-1 already exists/);
      expect(await db.selectFrom('exchange.sync_nodes').select('name').where('code', '=', 'DUP-1').execute()).toEqual([{ name: 'One' }]);
      const audits = await db.selectFrom('platform.admin_audit_log').select('target_id').where('action', '=', 'exchange-node.register').where('actor', '=', admin.username).execute();
      expect(audits).toEqual([{ target_id: first.json().id }]);

      const bad = await app.inject({ method: 'POST', url: '/api/exchange/nodes', headers: admin.auth, payload: { code: 'no spaces', name: 'x' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors).toEqual([expect.objectContaining({ path: 'body.code' })]);
    } finally {
      await close();
    }
  });

  test('disable makes the hub refuse the node, enable lets it back; 404 unknown, 409 no change; viewers only read', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const viewer = await createAccount(db, tokens, 'viewer');
      const created = await app.inject({ method: 'POST', url: '/api/exchange/nodes', headers: admin.auth, payload: { code: 'DESK-2', name: 'Yard' } });
      const { id, token } = created.json();

      for (const [method, url] of [
        ['POST', '/api/exchange/nodes'],
        ['POST', `/api/exchange/nodes/${id}/disable`],
        ['POST', `/api/exchange/nodes/${id}/enable`],
      ] as const) {
        const denied = await app.inject({ method, url, headers: viewer.auth, payload: { code: 'VIEWER-1', name: 'nope' } });
        expect(denied.statusCode, url).toBe(403);
      }
      expect(await db.selectFrom('exchange.sync_nodes').select('id').where('code', '=', 'VIEWER-1').execute()).toEqual([]);
      const seen = (await app.inject({ url: '/api/exchange/nodes', headers: viewer.auth })).json().items;
      expect(seen.filter((n: { id: string }) => n.id === id)).toEqual([expect.objectContaining({ code: 'DESK-2', enabled: true })]);

      const disabled = await app.inject({ method: 'POST', url: `/api/exchange/nodes/${id}/disable`, headers: admin.auth });
      expect(disabled.statusCode).toBe(200);
      expect(disabled.json()).toMatchObject({ id, enabled: false });
      expect(await authenticateExchangeNode(db, `Bearer ${token}`)).toMatchObject({ ok: false, reason: 'node_disabled', node: { id } });
      const twice = await app.inject({ method: 'POST', url: `/api/exchange/nodes/${id}/disable`, headers: admin.auth });
      expect(twice.statusCode).toBe(409);

      const enabled = await app.inject({ method: 'POST', url: `/api/exchange/nodes/${id}/enable`, headers: admin.auth });
      expect(enabled.json()).toMatchObject({ id, enabled: true });
      expect(await authenticateExchangeNode(db, `Bearer ${token}`)).toMatchObject({ ok: true, node: { id } });
      expect((await app.inject({ method: 'POST', url: `/api/exchange/nodes/${id}/enable`, headers: admin.auth })).statusCode).toBe(409);
      const unknown = await app.inject({ method: 'POST', url: `/api/exchange/nodes/${randomUUID()}/disable`, headers: admin.auth });
      expect(unknown.statusCode).toBe(404);

      const audit = await db.selectFrom('platform.admin_audit_log').select('action').where('target_id', '=', id).orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['exchange-node.register', 'exchange-node.disable', 'exchange-node.enable']);
    } finally {
      await close();
    }
  });

  test('the quarantine lists refused changes with their reason, newest first, by node and page', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      const nodes = await db
        .insertInto('exchange.sync_nodes')
        .values([{ code: 'Q-A', name: 'A' }, { code: 'Q-B', name: 'B' }])
        .returning(['id', 'code'])
        .execute();
      const [a, b] = [nodes.find((n) => n.code === 'Q-A')!, nodes.find((n) => n.code === 'Q-B')!];
      const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 8, minute));
      await db
        .insertInto('exchange.quarantine')
        .values([1, 2, 3].map((i) => ({
          node_id: i === 2 ? b.id : a.id,
          packet_no: i,
          entity_type: 'brigade',
          entity_uuid: randomUUID(),
          operation: 'UPDATE' as const,
          data: { name: '' },
          code: 'invalid_entity',
          reason: `name: must not be empty (${i})`,
          created_at: at(i),
        })))
        .execute();

      const all = await app.inject({ url: '/api/exchange/quarantine', headers: viewer.auth });
      expect(all.json()).toMatchObject({ total: 3, limit: 50, offset: 0 });
      expect(all.json().items.map((q: { packetNo: number }) => q.packetNo)).toEqual([3, 2, 1]);
      expect(all.json().items[1]).toMatchObject({ nodeId: b.id, nodeCode: 'Q-B', code: 'invalid_entity', reason: 'name: must not be empty (2)', resolvedAt: null });

      const ofA = await app.inject({ url: `/api/exchange/quarantine?nodeId=${a.id}&limit=1&offset=1`, headers: viewer.auth });
      expect(ofA.json()).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ packetNo: 1, nodeCode: 'Q-A' }] });
      const bad = await app.inject({ url: '/api/exchange/quarantine?nodeId=nope', headers: viewer.auth });
      expect(bad.statusCode).toBe(400);
    } finally {
      await close();
    }
  });
});
