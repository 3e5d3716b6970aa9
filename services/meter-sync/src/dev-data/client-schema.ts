import type pg from 'pg';

/**
 * The customer's "client system" tables as meter-sync expects them. No
 * foreign keys on purpose: real client systems hold dangling links, and the
 * engine must skip them (seed 004 "Referential Integrity Violations").
 */
export const CLIENT_SCHEMA_DDL = `
CREATE TABLE IF NOT EXISTS device (
  id integer PRIMARY KEY,
  name varchar(255),
  active boolean NOT NULL DEFAULT true
);
CREATE TABLE IF NOT EXISTS meter (
  id integer NOT NULL,
  meter_element_id integer NOT NULL,
  tenant_id integer NOT NULL,
  device_id integer,
  name varchar(255),
  active boolean NOT NULL DEFAULT true,
  ip varchar(100),
  port integer,
  element varchar(100),
  PRIMARY KEY (id, meter_element_id)
);
CREATE INDEX IF NOT EXISTS meter_tenant_idx ON meter (tenant_id);
CREATE TABLE IF NOT EXISTS register (
  id integer PRIMARY KEY,
  tenant_id integer NOT NULL,
  name varchar(255) NOT NULL,
  register integer NOT NULL,
  unit varchar(50),
  field_name varchar(100)
);
CREATE INDEX IF NOT EXISTS register_tenant_idx ON register (tenant_id);
CREATE TABLE IF NOT EXISTS device_register (
  id integer NOT NULL,
  device_id integer NOT NULL,
  register_id integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, register_id)
);
`;

export const CLIENT_TABLES = ['device', 'meter', 'register', 'device_register'] as const;

/** Creates the client-system tables if they do not exist (idempotent). */
export async function createClientSchema(client: pg.ClientBase | pg.Pool): Promise<void> {
  await client.query(CLIENT_SCHEMA_DDL);
}

/** Empties every client-system table. */
export async function truncateClientSchema(client: pg.ClientBase | pg.Pool): Promise<void> {
  await client.query(`TRUNCATE ${CLIENT_TABLES.join(', ')}`);
}
