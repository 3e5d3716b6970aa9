import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, test } from '@platform/testkit';
import { pendingForNode } from '@platform/db';
import { EntityRegistry, brigadeType, dailyReportType, type EntityChange } from '@platform/exchange-protocol';
import { batchesArb, brigadeArb, dailyReportArb, intactBatchArb, isoTimestampArb, textArb, uuidArb } from '@platform/exchange-protocol/testing';
import { readEntities } from './entity-store.js';
import { writeOnHub } from './hub-writes.js';
import { createTestHub, resetExchange, SimNode } from './hub.fixture.js';

const canonicalOf = (hub: Awaited<ReturnType<typeof createTestHub>>, c: EntityChange) => hub.registry.parse(c.type, c.uuid, c.data);

describe('entities', () => {
  test('Feature: sync-system, Property 3: Data integrity preservation', async ({ db }) => {
    // Reports point at a brigade that may or may not have been sent first.
    const caseArb = fc.record({ brigade: brigadeArb(), sendBrigade: fc.boolean() }).chain(({ brigade, sendBrigade }) =>
      fc.record({ brigade: fc.constant(brigade), sendBrigade: fc.constant(sendBrigade), reports: fc.uniqueArray(dailyReportArb(brigade.uuid), { minLength: 1, maxLength: 3, selector: (r) => r.uuid }) }),
    );
    await fc.assert(
      fc.asyncProperty(caseArb.filter((c) => !c.reports.some((r) => r.uuid === c.brigade.uuid)), async ({ brigade, sendBrigade, reports }) => {
        await resetExchange(db);
        const hub = await createTestHub(db);
        const a = await SimNode.register(hub, 'A');
        const b = await SimNode.register(hub, 'B');
        for (const change of sendBrigade ? [brigade, ...reports] : reports) a.edit(change);
        await a.syncUntilQuiet(hub);
        await b.syncUntilQuiet(hub);
        const orphans = await sql<{ n: number }>`SELECT count(*)::int AS n FROM exchange.daily_reports r
          LEFT JOIN exchange.brigades b ON b.uuid = r.brigade_id WHERE b.uuid IS NULL`.execute(db);
        expect(orphans.rows[0]!.n).toBe(0);
        if (sendBrigade) {
          expect(a.rejected).toEqual([]);
          // B got the brigade before any report pointing at it
          const order = b.appliedPackets.flatMap((p) => p.entities.map((e) => e.uuid));
          for (const r of reports) expect(order.indexOf(brigade.uuid)).toBeLessThan(order.indexOf(r.uuid));
        } else {
          expect(a.rejected.map((r) => [r.uuid, r.code])).toEqual(reports.map((r) => [r.uuid, 'missing_reference']));
          const quarantined = await db.selectFrom('exchange.quarantine').select(['entity_uuid', 'code']).orderBy('id').execute();
          expect(quarantined).toEqual(reports.map((r) => ({ entity_uuid: r.uuid, code: 'missing_reference' })));
          expect(b.store.size).toBe(0);
        }
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 4: Universal change tracking', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(batchesArb, fc.boolean(), async (changes, fromHub) => {
        await resetExchange(db);
        const hub = await createTestHub(db);
        const nodes = [await SimNode.register(hub, 'A'), await SimNode.register(hub, 'B'), await SimNode.register(hub, 'C')];
        if (fromHub) await writeOnHub(hub, changes);
        else {
          for (const change of changes) nodes[0]!.edit(change);
          await nodes[0]!.syncUntilQuiet(hub);
        }
        const targets = fromHub ? nodes : nodes.slice(1);
        for (const node of targets) {
          const mine = new Set((await pendingForNode(db, node.id)).map((r) => `${r.entity_type}:${r.entity_uuid}`));
          expect(mine).toEqual(new Set(changes.map((c) => `${c.type}:${c.uuid}`)));
        }
        // one log row per change, not one per change and node
        const logRows = (await db.selectFrom('exchange.change_log').select('position').execute()).length;
        expect(logRows).toBeGreaterThanOrEqual(new Set(changes.map((c) => c.uuid)).size);
        expect(logRows).toBeLessThanOrEqual(changes.length);
        // the sender is not sent its own changes back
        if (!fromHub) expect(await pendingForNode(db, nodes[0]!.id)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 14: Generic entity synchronization', async ({ db }) => {
    // A type no code knows about: a table and a registration, nothing else.
    await sql`CREATE SCHEMA IF NOT EXISTS extra`.execute(db);
    await sql`CREATE TABLE IF NOT EXISTS extra.tools (uuid uuid PRIMARY KEY, label text NOT NULL, serial integer, bought_at timestamptz,
      updated_at timestamptz NOT NULL, is_deleted boolean NOT NULL, origin_node_id uuid NOT NULL)`.execute(db);
    const registry = new EntityRegistry()
      .register(brigadeType)
      .register(dailyReportType)
      .register({ type: 'Tool', table: 'extra.tools', fields: { label: { kind: 'text' }, serial: { kind: 'integer', nullable: true }, bought_at: { kind: 'timestamp', nullable: true } } });
    const toolArb = fc.record({
      type: fc.constant('Tool'),
      uuid: uuidArb,
      operation: fc.constant('INSERT' as const),
      data: fc.record({ label: textArb(), serial: fc.option(fc.integer(), { nil: null }), bought_at: fc.option(isoTimestampArb, { nil: null }), updated_at: isoTimestampArb, is_deleted: fc.constant(false) }),
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(toolArb, { minLength: 1, maxLength: 4, selector: (t) => t.uuid }), async (tools) => {
        await resetExchange(db, ['extra.tools']);
        const hub = await createTestHub(db, { registry });
        const a = await SimNode.register(hub, 'A');
        const b = await SimNode.register(hub, 'B');
        for (const tool of tools) a.edit(tool);
        await a.syncUntilQuiet(hub);
        await b.syncUntilQuiet(hub);
        for (const tool of tools) expect(b.store.get(tool.uuid)?.data).toEqual(registry.parse('Tool', tool.uuid, tool.data));
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 15: Hierarchical data support', async ({ db }) => {
    await fc.assert(
      fc.asyncProperty(intactBatchArb, async (batch) => {
        await resetExchange(db);
        const hub = await createTestHub(db);
        const a = await SimNode.register(hub, 'A');
        const b = await SimNode.register(hub, 'B');
        for (const change of batch) a.edit(change);
        await a.syncUntilQuiet(hub);
        await b.syncUntilQuiet(hub);
        const reports = batch.filter((c) => c.type === 'DailyReport');
        const stored = await readEntities(db, hub.registry.get('DailyReport'), reports.map((r) => r.uuid));
        for (const report of reports) {
          const expected = canonicalOf(hub, report);
          expect(stored.find((s) => s.uuid === report.uuid)?.data).toEqual(expected);
          expect(b.store.get(report.uuid)?.data).toEqual(expected);
        }
        const lines = await db.selectFrom('exchange.daily_report_lines').select(['uuid', 'report_uuid']).execute();
        expect(new Set(lines.map((l) => `${l.report_uuid}/${l.uuid}`))).toEqual(
          new Set(reports.flatMap((r) => (r.data.lines as { uuid: string }[]).map((l) => `${r.uuid}/${l.uuid}`))),
        );
      }),
      { numRuns: 100 },
    );
  });

  test('a report whose lines are replaced keeps exactly the new lines; round-trips through the hub tables', async ({ db }) => {
    await resetExchange(db);
    const hub = await createTestHub(db);
    const [batch] = fc.sample(intactBatchArb.filter((b) => b.some((c) => c.type === 'DailyReport' && (c.data.lines as unknown[]).length > 1)), { numRuns: 1, seed: 7 });
    await writeOnHub(hub, batch!);
    const report = batch!.find((c) => c.type === 'DailyReport')!;
    const fewer = { ...report, data: { ...report.data, lines: (report.data.lines as unknown[]).slice(1) } };
    const outcome = await writeOnHub(hub, [fewer]);
    expect(outcome.rejected).toEqual([]);
    const [stored] = await readEntities(db, hub.registry.get('DailyReport'), [report.uuid]);
    expect(stored!.data).toEqual(canonicalOf(hub, fewer));
  });
});
