import fc from 'fast-check';
import type pg from 'pg';
import { CLIENT_TABLES } from '../dev-data/client-schema.js';
import { insertRows } from './sync-databases.fixture.js';

/** One client-system state. Small id ranges so two worlds overlap in keys and differ in values. */
export interface World {
  device: Record<string, unknown>[];
  meter: Record<string, unknown>[];
  register: Record<string, unknown>[];
  device_register: Record<string, unknown>[];
}

export const TENANTS = [1, 2, 3] as const;
const tenant = fc.constantFrom(...TENANTS);
// Tabs, newlines and backslashes go through COPY's text escaping; keep them in.
const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '\n', '\\', 'é', '"', ','), maxLength: 6 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const when = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true });

const devices = fc.uniqueArray(
  fc.record({ id: fc.integer({ min: 1, max: 6 }), name: maybe(text), active: fc.boolean() }),
  { selector: (d) => d.id, maxLength: 6 },
);
const meters = fc.uniqueArray(
  fc.record({
    id: fc.integer({ min: 1, max: 6 }),
    meter_element_id: fc.integer({ min: 1, max: 3 }),
    tenant_id: tenant,
    device_id: maybe(fc.integer({ min: 1, max: 6 })),
    name: maybe(text),
    active: fc.boolean(),
    ip: maybe(fc.constantFrom('10.0.0.1', '10.0.0.2')),
    port: maybe(fc.constantFrom(502, 503)),
    element: maybe(fc.constantFrom('A', 'B')),
  }),
  { selector: (m) => `${m.id}/${m.meter_element_id}`, maxLength: 12 },
);
const registers = fc.uniqueArray(
  fc.record({
    id: fc.integer({ min: 1, max: 10 }),
    tenant_id: tenant,
    name: text,
    register: fc.integer({ min: 0, max: 3 }),
    unit: maybe(fc.constantFrom('kWh', 'V')),
    field_name: maybe(text),
  }),
  { selector: (r) => r.id, maxLength: 10 },
);
// Ids one past the ranges above never exist: those links always dangle.
const links = fc.uniqueArray(
  fc.record({
    id: fc.integer({ min: 1, max: 1000 }),
    device_id: fc.integer({ min: 1, max: 7 }),
    register_id: fc.integer({ min: 1, max: 11 }),
    created_at: when,
    updated_at: when,
  }),
  { selector: (l) => `${l.device_id}/${l.register_id}`, maxLength: 15 },
);

export const worldArb: fc.Arbitrary<World> = fc.record({ device: devices, meter: meters, register: registers, device_register: links });

/** Replaces the whole client-system content with `world`. */
export async function loadWorld(remote: pg.Pool, world: World): Promise<void> {
  await remote.query(`TRUNCATE ${CLIENT_TABLES.join(', ')}`);
  for (const table of CLIENT_TABLES) await insertRows(remote, table, world[table]);
}
