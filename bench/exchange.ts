// Offline-first exchange end to end: 10 desktop nodes upload their offline
// changes concurrently through the hub's HTTPS API, then each downloads what
// the others sent. Reports changes/s and bytes on the wire with and without
// gzip, against the raw limit measured in the same run: the same rows written
// straight into PostgreSQL with one multi-row statement per batch.
//
//   pnpm --filter @platform/bench exchange            (BENCH_NODES=10 BENCH_CHANGES=1000 BENCH_BATCH=500)
import { Agent, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { createDb, migrateToLatest } from '@platform/db';
import { decodeEnvelope, encodeEnvelope, exampleRegistry, SCHEMA_VERSION, type EntityChange, type Envelope } from '@platform/exchange-protocol';
import { AuthFailureLimiter, buildSyncApp, createHubMetrics, ensureHubNode, registerNode, selfSignedCertificate } from '@platform/exchange-hub';
import { createLogger, Registry } from '@platform/runtime';

const NODES = Number(process.env.BENCH_NODES ?? 10);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 1000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'bench_exchange';

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(statement).finally(() => client.end());
}

/** One node's offline work: a few brigades and daily reports (two lines each) pointing at them. */
function offlineChanges(count: number): EntityChange[] {
  const now = new Date().toISOString();
  const brigades = Array.from({ length: Math.max(1, Math.floor(count / 5)) }, (_, i): EntityChange => ({
    type: 'Brigade', uuid: randomUUID(), operation: 'INSERT', data: { name: `Brigade ${i}`, foreman: `Foreman ${i}`, updated_at: now, is_deleted: false },
  }));
  const reports = Array.from({ length: count - brigades.length }, (_, i): EntityChange => ({
    type: 'DailyReport', uuid: randomUUID(), operation: 'INSERT',
    data: {
      date: '2026-11-20', brigade_id: brigades[i % brigades.length]!.uuid, notes: `shift ${i}: concrete pour, section ${i % 17}`,
      lines: [0, 1].map((n) => ({ uuid: randomUUID(), description: `task ${n} of report ${i}`, quantity: n + i, done: n === 0 })),
      updated_at: now, is_deleted: false,
    },
  }));
  return [...brigades, ...reports];
}

await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
await admin(`CREATE DATABASE ${DB_NAME}`);
const dbUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);
const db = createDb(dbUrl, { max: 12, applicationName: 'bench-exchange' });
await migrateToLatest(db);

const registry = exampleRegistry();
const hub = { db, registry, hubNodeId: await ensureHubNode(db), schemaVersion: SCHEMA_VERSION, batchSize: BATCH };
const tls = await selfSignedCertificate();
const app = buildSyncApp({
  hub, tls, log: createLogger({ service: 'bench', level: 'warn' }), metrics: createHubMetrics(new Registry()),
  limiter: new AuthFailureLimiter(1000, 60_000), maxPacketBytes: 64 << 20,
  // Measures the request path alone; main.ts also queues prepare-packets here (one Redis add per other node).
  onChangesApplied: async () => undefined,
});
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as AddressInfo).port;
const agent = new Agent({ keepAlive: true, ca: tls.cert, maxSockets: NODES });

const wire = { gzipped: 0, plain: 0 };
function post(token: string, envelope: Envelope): Promise<Envelope> {
  const body = encodeEnvelope(envelope);
  wire.gzipped += body.length;
  wire.plain += Buffer.byteLength(JSON.stringify(envelope));
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/exchange/v1/sync', method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-encoding': 'gzip', 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
        const bytes = Buffer.concat(chunks);
        if (res.statusCode !== 200) return reject(new Error(`hub ${res.statusCode}: ${bytes.toString()}`));
        const reply = decodeEnvelope(bytes);
        wire.gzipped += bytes.length;
        wire.plain += Buffer.byteLength(JSON.stringify(reply));
        resolve(reply);
      });
    });
    req.on('error', reject).end(body);
  });
}

const nodes = await Promise.all(Array.from({ length: NODES }, async (_, i) => ({ ...(await registerNode(db, registry, { code: `BENCH-${i}`, name: `bench ${i}` })), changes: offlineChanges(CHANGES) })));

/** A desktop reduced to its protocol: it sends its packets one by one, then takes the hub's until it has none. */
function protocolNode(node: (typeof nodes)[number]) {
  let sent = 0;
  let lastApplied = 0;
  const header = (packetNo: number) => ({ sender_node_id: node.id, recipient_node_id: hub.hubNodeId, packet_no: packetNo, ack_packet_no: lastApplied, schema_version: SCHEMA_VERSION.current, timestamp: new Date().toISOString() });
  return {
    async upload() {
      for (let i = 0; i < node.changes.length; i += BATCH) {
        const reply = await post(node.token, { header: header(++sent), body: { entities: node.changes.slice(i, i + BATCH) } });
        if (reply.header.ack_packet_no !== sent) throw new Error(`packet ${sent} not acknowledged`);
        if (reply.body.rejected?.length) throw new Error(`hub quarantined ${reply.body.rejected.length} changes: ${reply.body.rejected[0]!.reason}`);
        // hub data waits until our uploads are done (the client library's rule), so it is not applied here
      }
    },
    async download() {
      let received = 0;
      for (;;) {
        const reply = await post(node.token, { header: header(0), body: { entities: [] } });
        if (reply.header.packet_no === 0) return received;
        lastApplied = reply.header.packet_no;
        received += reply.body.entities.length;
      }
    },
  };
}

const desktops = nodes.map(protocolNode);
const started = performance.now();
await Promise.all(desktops.map((d) => d.upload()));
const uploadMs = performance.now() - started;
const received = await Promise.all(desktops.map((d) => d.download()));
const totalMs = performance.now() - started;
const uploaded = NODES * CHANGES;
const delivered = received.reduce((n, r) => n + r, 0);
if (delivered !== uploaded * (NODES - 1)) throw new Error(`expected ${uploaded * (NODES - 1)} deliveries, got ${delivered}`);

// Raw limit: the same entities written straight into fresh tables, one statement per batch and table.
await sql`CREATE SCHEMA raw; CREATE TABLE raw.brigades (LIKE exchange.brigades); CREATE TABLE raw.daily_reports (LIKE exchange.daily_reports);
  CREATE TABLE raw.daily_report_lines (LIKE exchange.daily_report_lines)`.execute(db);
const rawStarted = performance.now();
await Promise.all(nodes.map(async (node) => {
  for (let i = 0; i < node.changes.length; i += BATCH) {
    const batch = node.changes.slice(i, i + BATCH);
    const brigades = batch.filter((c) => c.type === 'Brigade');
    const reports = batch.filter((c) => c.type === 'DailyReport');
    const lines = reports.flatMap((r) => (r.data.lines as { uuid: string; description: string; quantity: number; done: boolean }[]).map((l, p) => ({ ...l, report: r.uuid, p })));
    await db.transaction().execute(async (trx) => {
      if (brigades.length) await sql`INSERT INTO raw.brigades SELECT * FROM unnest(${brigades.map((b) => b.uuid)}::uuid[], ${brigades.map((b) => b.data.name)}::text[], ${brigades.map((b) => b.data.foreman)}::text[], ${brigades.map((b) => b.data.updated_at)}::timestamptz[], ${brigades.map(() => false)}::bool[], ${brigades.map(() => node.id)}::uuid[])`.execute(trx);
      if (reports.length) await sql`INSERT INTO raw.daily_reports SELECT * FROM unnest(${reports.map((r) => r.uuid)}::uuid[], ${reports.map((r) => r.data.date)}::date[], ${reports.map((r) => r.data.brigade_id)}::uuid[], ${reports.map((r) => r.data.notes)}::text[], ${reports.map((r) => r.data.updated_at)}::timestamptz[], ${reports.map(() => false)}::bool[], ${reports.map(() => node.id)}::uuid[])`.execute(trx);
      if (lines.length) await sql`INSERT INTO raw.daily_report_lines SELECT * FROM unnest(${lines.map((l) => l.uuid)}::uuid[], ${lines.map((l) => l.report)}::uuid[], ${lines.map((l) => l.p)}::int[], ${lines.map((l) => l.description)}::text[], ${lines.map((l) => l.quantity)}::int[], ${lines.map((l) => l.done)}::bool[])`.execute(trx);
    });
  }
}));
const rawMs = performance.now() - rawStarted;

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
console.table([
  { measure: 'raw limit: same rows, multi-row INSERT per batch', changes: uploaded, ms: Math.round(rawMs), 'changes/s': rate(uploaded, rawMs), 'vs raw': '1.00' },
  { measure: `upload: ${NODES} nodes -> hub (apply, conflicts, fan-out queue)`, changes: uploaded, ms: Math.round(uploadMs), 'changes/s': rate(uploaded, uploadMs), 'vs raw': (rate(uploaded, uploadMs) / rate(uploaded, rawMs)).toFixed(2) },
  { measure: 'end to end: uploaded and delivered to every other node', changes: uploaded, ms: Math.round(totalMs), 'changes/s': rate(uploaded, totalMs), 'vs raw': (rate(uploaded, totalMs) / rate(uploaded, rawMs)).toFixed(2) },
  { measure: 'deliveries (one change to one node)', changes: delivered, ms: Math.round(totalMs), 'changes/s': rate(delivered, totalMs), 'vs raw': '' },
]);
console.log(`bytes on the wire (bodies): gzip ${(wire.gzipped / 1e6).toFixed(2)} MB, plain JSON ${(wire.plain / 1e6).toFixed(2)} MB, ratio ${(wire.plain / wire.gzipped).toFixed(1)}x`);
console.log(`target: >= 5,000 changes/s end to end (ElectricSQL publishes 4,000-6,000)`);

agent.destroy();
await app.close();
await db.destroy();
await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
