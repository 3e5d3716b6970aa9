import fc from 'fast-check';
import { afterAll, beforeAll } from 'vitest';
import { describe, expect, test } from '@platform/testkit';
import type { Database, Kysely } from '@platform/db';
import { readEntities, writeOnHub, type HubContext } from '@platform/exchange-hub';
import { exampleRegistry, type EntityChange } from '@platform/exchange-protocol';
import { isoTimestampArb, textArb } from '@platform/exchange-protocol/testing';
import { fastRetry, joinNode, openNode, startHub, type InjectTransport } from './client.fixture.js';
import type { ExchangeNode } from './exchange-node.js';
import { syncNode } from './sync.js';

// Model-based test of the whole exchange (issue #9 acceptance): random
// interleavings of offline edits on three desktops and on the hub, syncs,
// replies lost after the hub did its work, and hub restarts. Then every node
// syncs twice with no new edits, and the system must have converged.

const registry = exampleRegistry();
const BRIGADES = ['b0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002'];
const REPORTS = ['d0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000003'];
// A line's uuid is derived from its report and position, so two reports never claim one line.
const lineUuid = (report: string, i: number) => `${report.slice(0, 24)}1${report.slice(-3)}0000000${i}`;

interface World {
  db: Kysely<Database>;
  hub: HubContext;
  nodes: ExchangeNode[];
  transports: InjectTransport[];
  rebuild: () => ReturnType<Awaited<ReturnType<typeof startHub>>['rebuild']>;
  /** Every version of every entity anyone ever wrote, canonical. */
  written: Map<string, unknown[]>;
  /** Per node: its latest edit of each entity since its last completed sync. */
  unsynced: Map<string, unknown>[];
}

const note = (w: World, uuid: string, data: unknown) => w.written.set(uuid, [...(w.written.get(uuid) ?? []), data]);

const brigadeData = fc.record({ name: textArb(6), foreman: fc.option(textArb(6), { nil: null }), updated_at: isoTimestampArb, is_deleted: fc.boolean() });
const reportData = (uuid: string) =>
  fc.record({
    date: isoTimestampArb.map((t) => t.slice(0, 10)),
    brigade_id: fc.constantFrom(...BRIGADES),
    notes: fc.option(textArb(8), { nil: null }),
    lines: fc.array(fc.record({ description: textArb(6), quantity: fc.integer({ min: 0, max: 99 }), done: fc.boolean() }), { maxLength: 2 }).map((ls) => ls.map((l, i) => ({ uuid: lineUuid(uuid, i), ...l }))),
    updated_at: isoTimestampArb,
    is_deleted: fc.boolean(),
  });
const entityArb: fc.Arbitrary<EntityChange> = fc.oneof(
  fc.tuple(fc.constantFrom(...BRIGADES), brigadeData).map(([uuid, data]): EntityChange => ({ type: 'Brigade', uuid, operation: data.is_deleted ? 'DELETE' : 'UPDATE', data })),
  fc.constantFrom(...REPORTS).chain((uuid) => reportData(uuid).map((data) => ({ type: 'DailyReport', uuid, operation: data.is_deleted ? 'DELETE' : 'UPDATE', data }) as EntityChange)),
);

class NodeEdit implements fc.AsyncCommand<object, World> {
  constructor(readonly node: number, readonly change: EntityChange) {}
  check = () => true;
  async run(_m: object, w: World) {
    const saved = await w.nodes[this.node]!.put(this.change.type, this.change.data, this.change.uuid);
    note(w, this.change.uuid, saved.data);
    w.unsynced[this.node]!.set(this.change.uuid, saved.data);
  }
  toString = () => `node${this.node}.edit(${this.change.type} ${this.change.uuid.slice(-1)})`;
}

class HubEdit implements fc.AsyncCommand<object, World> {
  constructor(readonly change: EntityChange) {}
  check = () => true;
  async run(_m: object, w: World) {
    const outcome = await writeOnHub(w.hub, [this.change]);
    expect(outcome.rejected).toEqual([]);
    note(w, this.change.uuid, registry.parse(this.change.type, this.change.uuid, this.change.data));
  }
  toString = () => `hub.edit(${this.change.type} ${this.change.uuid.slice(-1)})`;
}

class Sync implements fc.AsyncCommand<object, World> {
  constructor(readonly node: number, readonly dropReplies: number) {}
  check = () => true;
  async run(_m: object, w: World) {
    w.transports[this.node]!.dropNextReplies = this.dropReplies;
    await syncNode(w.nodes[this.node]!, w.transports[this.node]!, fastRetry);
    await expectArrived(w, this.node);
  }
  toString = () => `node${this.node}.sync(drop ${this.dropReplies})`;
}

class HubRestart implements fc.AsyncCommand<object, World> {
  check = () => true;
  async run(_m: object, w: World) {
    const app = w.rebuild();
    for (const t of w.transports) t.app = app;
  }
  toString = () => 'hub.restart()';
}

const commands = fc.commands(
  [
    fc.tuple(fc.nat(2), entityArb).map(([n, c]) => new NodeEdit(n, c)),
    entityArb.map((c) => new HubEdit(c)),
    fc.tuple(fc.nat(2), fc.nat(2)).map(([n, d]) => new Sync(n, d)),
    fc.constant(new HubRestart()),
  ],
  { maxCommands: 10 },
);

let nodes: ExchangeNode[] = [];
beforeAll(async () => {
  // Batch sizes 1-3: uploads take several rounds, so hub packets arrive while edits are still queued.
  nodes = [await openNode(1), await openNode(2), await openNode(3)];
});
afterAll(async () => Promise.all(nodes.map((n) => n.close())));

/** Right after a node's sync, each of its edits is the hub's version or, having lost a conflict, in the history. */
async function expectArrived(w: World, node: number) {
  const atHub = await hubEntities(w);
  const nodeId = (await w.nodes[node]!.identity()).nodeId;
  for (const [uuid, version] of w.unsynced[node]!) {
    if (isEqual(atHub.get(uuid), version)) continue;
    const lost = await w.db.selectFrom('exchange.object_version_history').select('serialized_data').where('entity_uuid', '=', uuid).where('source_node_id', '=', nodeId).execute();
    expect(lost.map((l) => l.serialized_data)).toContainEqual(version);
  }
  w.unsynced[node]!.clear();
}

function isEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}

async function hubEntities(w: World) {
  const all = new Map<string, unknown>();
  for (const type of registry.types()) {
    const rows = await w.db.selectFrom(registry.get(type).table as 'exchange.brigades').select('uuid').execute();
    for (const e of await readEntities(w.db, registry.get(type), rows.map((r) => r.uuid))) all.set(e.uuid, e.data);
  }
  return all;
}

describe('exchange model', () => {
  // 100 runs of up to 10 commands over three PGlite nodes: a minute on a quiet box, past 300 s on a
  // loaded one. The timeout is only a hang guard.
  test('three desktops, the hub, lost replies and hub restarts converge with nothing lost', { timeout: 900_000 }, async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const { hub, app, rebuild } = await startHub(db, 3);
        const w: World = { db, hub, nodes, transports: [], rebuild, written: new Map(), unsynced: [new Map(), new Map(), new Map()] };
        for (const uuid of BRIGADES) {
          const change = { type: 'Brigade', uuid, operation: 'INSERT' as const, data: { name: 'seed', foreman: null, updated_at: '2000-01-01T00:00:00.000Z', is_deleted: false } };
          await writeOnHub(hub, [change]);
          note(w, uuid, change.data);
        }
        for (let i = 0; i < 3; i++) w.transports.push(await joinNode(db, hub, app, nodes[i]!, `MODEL-${i}`));
        for (let i = 0; i < 3; i++) await syncNode(nodes[i]!, w.transports[i]!, fastRetry);

        await fc.asyncModelRun(() => ({ model: {}, real: w }), cmds);

        for (let round = 0; round < 2; round++) {
          for (let i = 0; i < 3; i++) {
            await syncNode(nodes[i]!, w.transports[i]!, fastRetry);
            await expectArrived(w, i);
          }
        }
        const atHub = await hubEntities(w);
        // converged: every node holds exactly the hub's entities
        for (const node of nodes) {
          expect(await node.pendingCount()).toBe(0);
          expect(new Map((await node.list()).map((e) => [e.uuid, e.data]))).toEqual(atHub);
        }
        // nothing lost: every entity anyone wrote is at the hub, in one of the versions written
        for (const [uuid, versions] of w.written) {
          expect(atHub.has(uuid)).toBe(true);
          expect(versions).toContainEqual(atHub.get(uuid));
        }
        // every conflict kept its losing version, complete, in the history
        const audit = await db.selectFrom('exchange.audit_log').select(['entity_uuid', 'version_id']).execute();
        const history = await db.selectFrom('exchange.object_version_history').select(['id', 'entity_uuid', 'serialized_data']).execute();
        expect(history.length).toBe(audit.length);
        for (const a of audit) {
          const lost = history.find((h) => h.id === a.version_id);
          expect(lost?.entity_uuid).toBe(a.entity_uuid);
          expect(w.written.get(a.entity_uuid)).toContainEqual(lost!.serialized_data);
        }
        expect(await db.selectFrom('exchange.quarantine').selectAll().execute()).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
