import type { PGlite, Transaction } from '@electric-sql/pglite';

export type Sql = Pick<PGlite, 'query' | 'exec'> | Transaction;

// The node's own database. Entities are kept as validated JSON by type (the
// registry is the schema), so adding a type needs no local migration; the
// outbox holds one pending row per entity (edits collapse) and the packet in
// flight, retained with its checksum until the hub acknowledges it.
export const LOCAL_SCHEMA = `
CREATE TABLE IF NOT EXISTS node_state (key text PRIMARY KEY, value jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS entities (
  uuid uuid PRIMARY KEY,
  type text NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  is_deleted boolean NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_type_idx ON entities (type);
CREATE TABLE IF NOT EXISTS outbox (
  seq bigserial PRIMARY KEY,
  uuid uuid NOT NULL,
  type text NOT NULL,
  operation text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
  packet_no bigint
);
CREATE UNIQUE INDEX IF NOT EXISTS outbox_one_pending_per_entity ON outbox (uuid) WHERE packet_no IS NULL;
CREATE TABLE IF NOT EXISTS outgoing_packets (
  packet_no bigint PRIMARY KEY,
  entities bytea NOT NULL,
  sha256 char(64) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS quarantine (
  id bigserial PRIMARY KEY,
  packet_no bigint NOT NULL,
  uuid uuid NOT NULL,
  type text NOT NULL,
  code text NOT NULL,
  reason text NOT NULL,
  reported_at timestamptz NOT NULL DEFAULT now()
);
`;

export interface NodeIdentity {
  nodeId: string;
  hubNodeId: string;
}

export async function getState<T>(sql: Sql, key: string): Promise<T | undefined> {
  const { rows } = await sql.query<{ value: T }>('SELECT value FROM node_state WHERE key = $1', [key]);
  return rows[0]?.value;
}

export async function setState(sql: Sql, key: string, value: unknown): Promise<void> {
  await sql.query('INSERT INTO node_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, JSON.stringify(value)]);
}
