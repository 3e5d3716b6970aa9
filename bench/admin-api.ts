// admin-gateway list routes under a production-sized history: 1,000,000 device audit rows,
// 100,000 buffer rows, 10,000 alerts. p99 latency per route (autocannon, 10 connections, 10 s)
// for the first page and a deep page, and the device dashboard; against the raw limit measured
// in the same run: the same server answering `/healthz/live` (framework + auth-free floor).
//   target: p99 < 50 ms for every list route.
// The gateway is the real service (`services/admin-gateway/src/main.ts`) in a child process.
// usage: pnpm --filter @platform/bench admin-api   (AUDIT_ROWS=1000000 BUFFER_ROWS=100000 ALERTS=10000)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { createDb, migrateToLatest } from '@platform/db';

const AUDIT_ROWS = Number(process.env.AUDIT_ROWS ?? 1_000_000);
const BUFFER_ROWS = Number(process.env.BUFFER_ROWS ?? 100_000);
const ALERTS = Number(process.env.ALERTS ?? 10_000);
const DURATION = Number(process.env.DURATION_SECONDS ?? 10);
const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'bench_admin_api';
const dbUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${DB_NAME}` }).toString();
const gatewayDir = fileURLToPath(new URL('../services/admin-gateway/', import.meta.url));

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function freePort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address() as { port: number };
  s.close();
  return port;
}

console.log(`seeding ${AUDIT_ROWS} audit rows, ${BUFFER_ROWS} buffer rows, ${ALERTS} alerts...`);
await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
await admin(`CREATE DATABASE ${DB_NAME}`);
const db = createDb(dbUrl, { max: 2 });
await migrateToLatest(db);
const seed = new pg.Client({ connectionString: dbUrl });
await seed.connect();
await seed.query(`INSERT INTO platform.devices (name, host) SELECT 'bench-' || g, '127.0.0.1' FROM generate_series(1, 10) g`);
// The audit log is append-only (a trigger refuses UPDATE/DELETE); inserts are what it sees in production too.
await seed.query(`
  INSERT INTO attendance.device_user_audit_log (device_id, operation_type, device_user_id, performed_by, service_name, details, occurred_at)
  SELECT 1 + g % 10, (ARRAY['user_discovered','user_updated','sync_completed','user_disappeared'])[1 + g % 4], (1000 + g % 5000)::text,
         'device-poller:scheduled', 'device-poller', jsonb_build_object('g', g), now() - make_interval(secs => ($1 - g) * 2)
  FROM generate_series(1, $1) g`, [AUDIT_ROWS]);
await seed.query(`
  INSERT INTO attendance.device_user_buffer (device_id, device_user_id, uid, name, discovered_at, last_seen_at, mapping_status)
  SELECT 1 + g % 10, (g / 10 + 1)::text, 1 + (g / 10) % 65535, 'User ' || g, now() - make_interval(secs => g), now(), (ARRAY['unmapped','mapped','ignored'])[1 + g % 3]
  FROM generate_series(0, $1 - 1) g`, [BUFFER_ROWS]);
await seed.query(`
  INSERT INTO platform.sync_alerts (source, severity, type, message, dedupe_key, acknowledged, acknowledged_at, created_at, last_seen_at)
  SELECT 'device-poller', (ARRAY['high','medium','low'])[1 + g % 3], 'device_unreachable', 'bench alert ' || g, 'bench:' || g, g % 10 <> 0,
         CASE WHEN g % 10 <> 0 THEN now() END, now() - make_interval(secs => g), now() - make_interval(secs => g)
  FROM generate_series(1, $1) g`, [ALERTS]);
await seed.query('ANALYZE');
const deep = await seed.query<{ id: string }>(`SELECT id FROM attendance.device_user_audit_log ORDER BY occurred_at DESC, id DESC OFFSET 100000 LIMIT 1`);
await seed.end();
await db.destroy();

const port = await freePort();
const password = randomBytes(12).toString('hex');
const env = { ...process.env, DATABASE_URL: dbUrl, HTTP_PORT: String(port), JWT_SECRET: randomBytes(32).toString('hex'), QUEUE_PREFIX: `bench-admin-${process.pid}`, LOG_LEVEL: 'warn', NODE_ENV: 'production', LOGIN_RATE_MAX: '1000' };
const createAdmin = spawn(process.execPath, ['--import', 'tsx', 'src/bin/create-admin.ts', '--username', 'bench', '--role', 'viewer'], { cwd: gatewayDir, env, stdio: ['pipe', 'inherit', 'inherit'] });
createAdmin.stdin.end(`${password}\n`);
await once(createAdmin, 'exit');
const gateway = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: gatewayDir, env, stdio: ['ignore', 'inherit', 'inherit'] });
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/healthz/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 600) throw new Error('admin-gateway did not become ready');
    await new Promise((r) => setTimeout(r, 200));
  }
  const login = await fetch(`${base}/api/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password }) });
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };

  const run = async (path: string, auth = true) => {
    const result = await autocannon({ url: `${base}${path}`, connections: 10, duration: DURATION, headers: auth ? headers : {} });
    if (result.non2xx > 0) throw new Error(`${path}: ${result.non2xx} non-2xx answers`);
    return result.latency;
  };
  const floor = await run('/healthz/live', false);
  console.log(`\nraw limit: GET /healthz/live p99 ${floor.p99} ms (p50 ${floor.p50} ms)\n`);
  const routes = [
    '/api/device-users/audit-log?limit=50',
    `/api/device-users/audit-log?limit=50&after=${deep.rows[0]!.id}`,
    '/api/device-users/audit-log?limit=50&deviceId=3',
    '/api/device-users/audit-log?limit=50&deviceId=3&operationType=user_disappeared',
    '/api/device-users/buffer?limit=50',
    '/api/device-users/buffer?limit=50&status=unmapped&offset=50000',
    '/api/alerts?limit=50',
    '/api/alerts?limit=50&open=true',
    '/api/devices',
  ];
  let failed = 0;
  console.log('route'.padEnd(80), 'p50 ms', 'p99 ms', 'p99 / raw', 'target p99 < 50 ms');
  for (const route of routes) {
    const l = await run(route);
    if (l.p99 >= 50) failed++;
    console.log(route.padEnd(80), String(l.p50).padStart(6), String(l.p99).padStart(6), `${(l.p99 / Math.max(floor.p99, 1)).toFixed(1)}x`.padStart(9), l.p99 < 50 ? 'met' : 'MISSED');
  }
  process.exitCode = failed > 0 ? 1 : 0;
} finally {
  gateway.kill('SIGTERM');
  await once(gateway, 'exit');
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
}
