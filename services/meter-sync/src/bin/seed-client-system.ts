import { parseArgs } from 'node:util';
import pg from 'pg';
import { createClientSchema, truncateClientSchema } from '../dev-data/client-schema.js';
import { DEV_DATA_SIZE, seedClientData, type ClientDataSize } from '../dev-data/generate.js';
import { DEFAULT_CLIENT_SYSTEM_URL } from '../config.js';

// Creates (if needed), empties and fills a client-system database for `pnpm dev`, tests and the bench.
// usage: seed-client-system [--url postgres://...] [--tenants 3] [--meters 200] [--registers 50] [--devices 20] [--links 300]
const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    tenants: { type: 'string' },
    meters: { type: 'string' },
    registers: { type: 'string' },
    devices: { type: 'string' },
    links: { type: 'string' },
  },
});

const url = values.url ?? process.env.CLIENT_SYSTEM_DATABASE_URL ?? DEFAULT_CLIENT_SYSTEM_URL;
const count = (value: string | undefined, fallback: number): number => (value === undefined ? fallback : Number(value));
const size: ClientDataSize = {
  tenants: count(values.tenants, DEV_DATA_SIZE.tenants),
  metersPerTenant: count(values.meters, DEV_DATA_SIZE.metersPerTenant),
  registersPerTenant: count(values.registers, DEV_DATA_SIZE.registersPerTenant),
  devices: count(values.devices, DEV_DATA_SIZE.devices),
  links: count(values.links, DEV_DATA_SIZE.links),
};

await ensureDatabase(url);
const pool = new pg.Pool({ connectionString: url, max: 1 });
try {
  await createClientSchema(pool);
  await truncateClientSchema(pool);
  await seedClientData(pool, size);
  process.stdout.write(`client system ${new URL(url).pathname.slice(1)} seeded: ${JSON.stringify(size)}\n`);
} finally {
  await pool.end();
}

async function ensureDatabase(target: string): Promise<void> {
  const name = new URL(target).pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name "${name}" must be a plain lower-case identifier`);
  const admin = new URL(target);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}
