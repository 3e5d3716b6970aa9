import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import {
  ProtocolError,
  readExchangeFile,
  sha256,
  writeExchangeFile,
  type EntityChange,
  type EntityData,
  type EntityRegistry,
  type Envelope,
  type Operation,
  type Rejection,
} from '@platform/exchange-protocol';
import { LocalChangeError, NodeStateError } from './errors.js';
import { getState, LOCAL_SCHEMA, setState, type NodeIdentity, type Sql } from './local-store.js';

export interface ExchangeNodeOptions {
  registry: EntityRegistry;
  /** The schema version this node writes into every header. */
  schemaVersion: string;
  /** Entities per packet sent to the hub (Property 23). */
  batchSize?: number;
}

export interface LocalEntity {
  type: string;
  uuid: string;
  data: EntityData;
}

/** What one reply changed locally. */
export interface ReplyOutcome {
  acknowledged: number;
  applied: number;
  rejected: Rejection[];
  /** The hub has more for us (its packet was applied, or held back until our uploads finish). */
  more: boolean;
}

/**
 * An offline-first desktop node over an embedded PGlite database: edits are
 * validated and queued locally with no hub in sight (Property 1), and
 * exchanged later as numbered packets that stay retained until acknowledged.
 *
 * @example
 * const node = await ExchangeNode.open({ registry: exampleRegistry(), schemaVersion: SCHEMA_VERSION.current }, './node-data');
 * await node.setIdentity({ nodeId, hubNodeId });
 * await node.put('Brigade', { name: 'North', foreman: null });
 */
export class ExchangeNode {
  private constructor(
    readonly db: PGlite,
    private readonly options: Required<ExchangeNodeOptions>,
  ) {}

  /** Opens (or creates) the node's store; `dataDir` omitted keeps it in memory. */
  static async open(options: ExchangeNodeOptions, dataDir?: string): Promise<ExchangeNode> {
    const db = await PGlite.create(dataDir);
    await db.exec(LOCAL_SCHEMA);
    return new ExchangeNode(db, { batchSize: 500, ...options });
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  async setIdentity(identity: NodeIdentity): Promise<void> {
    const current = await getState<NodeIdentity>(this.db, 'identity');
    if (current && current.nodeId !== identity.nodeId) {
      throw new NodeStateError(`this store belongs to node ${current.nodeId}; use a new data directory for node ${identity.nodeId}`);
    }
    await setState(this.db, 'identity', identity);
  }

  async identity(): Promise<NodeIdentity> {
    const identity = await getState<NodeIdentity>(this.db, 'identity');
    if (!identity) throw new NodeStateError('this node is not set up: run `init` with the hub URL and token first');
    return identity;
  }

  /**
   * Creates or replaces an entity offline and queues it for the hub. `updated_at`
   * defaults to now (UTC); references must point at entities this node has.
   */
  async put(type: string, fields: Record<string, unknown>, uuid: string = randomUUID()): Promise<LocalEntity> {
    return this.#write(type, uuid, { ...fields, updated_at: fields.updated_at ?? new Date().toISOString(), is_deleted: fields.is_deleted ?? false });
  }

  /** Soft-deletes: the entity stays, flagged, so the delete travels like any change. */
  async remove(type: string, uuid: string, at: string = new Date().toISOString()): Promise<LocalEntity> {
    const current = await this.get(uuid);
    if (!current || current.type !== type) throw new LocalChangeError('not_found', `${type} ${uuid} does not exist on this node`);
    return this.#write(type, uuid, { ...current.data, updated_at: at, is_deleted: true });
  }

  async #write(type: string, uuid: string, raw: Record<string, unknown>): Promise<LocalEntity> {
    let data: EntityData;
    try {
      data = this.options.registry.parse(type, uuid, raw);
    } catch (error) {
      if (error instanceof ProtocolError) throw new LocalChangeError(error.code === 'unknown_entity_type' ? 'unknown_entity_type' : 'invalid_entity', error.message);
      throw error;
    }
    return this.db.transaction(async (tx) => {
      for (const ref of this.options.registry.references(type, data)) {
        const { rows } = await tx.query<{ type: string }>('SELECT type FROM entities WHERE uuid = $1', [ref.uuid]);
        if (rows[0]?.type !== ref.type) throw new LocalChangeError('missing_reference', `${type} ${uuid}: ${ref.field} points at ${ref.type} ${ref.uuid}, which this node does not have`);
      }
      const existing = await tx.query<{ type: string }>('SELECT type FROM entities WHERE uuid = $1', [uuid]);
      const was = existing.rows[0];
      if (was && was.type !== type) throw new LocalChangeError('type_mismatch', `${uuid} is a ${was.type}, not a ${type}`);
      const operation: Operation = data.is_deleted ? 'DELETE' : was ? 'UPDATE' : 'INSERT';
      await upsertEntity(tx, { type, uuid, data });
      // One pending row per entity: a later edit keeps its queue position and
      // the packet reads the latest state; an earlier INSERT stays an INSERT.
      await tx.query(
        `INSERT INTO outbox (uuid, type, operation) VALUES ($1, $2, $3)
         ON CONFLICT (uuid) WHERE packet_no IS NULL DO UPDATE
         SET operation = CASE WHEN EXCLUDED.operation = 'DELETE' THEN 'DELETE' WHEN outbox.operation = 'INSERT' THEN 'INSERT' ELSE EXCLUDED.operation END`,
        [uuid, type, operation],
      );
      return { type, uuid, data };
    });
  }

  async get(uuid: string): Promise<LocalEntity | undefined> {
    const { rows } = await this.db.query<LocalEntity>('SELECT type, uuid, data FROM entities WHERE uuid = $1', [uuid]);
    return rows[0];
  }

  async list(type?: string): Promise<LocalEntity[]> {
    const { rows } = await this.db.query<LocalEntity>(
      `SELECT type, uuid, data FROM entities ${type ? 'WHERE type = $1' : ''} ORDER BY type, uuid`,
      type ? [type] : [],
    );
    return rows;
  }

  /** Changes not yet acknowledged by the hub (queued or in the packet in flight). */
  async pendingCount(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
    return rows[0]!.n;
  }

  async quarantined(): Promise<(Rejection & { packet_no: number })[]> {
    const { rows } = await this.db.query<Rejection & { packet_no: number }>('SELECT type, uuid, code, reason, packet_no::int AS packet_no FROM quarantine ORDER BY id');
    return rows;
  }

  /**
   * The next message to the hub: the retained packet again if it is still
   * unacknowledged (same number, same bytes), else a new packet of at most
   * `batchSize` queued changes, else a poll (`packet_no` 0).
   */
  async nextEnvelope(batchSize = this.options.batchSize): Promise<Envelope> {
    const identity = await this.identity();
    return this.db.transaction(async (tx) => {
      const lastApplied = (await getState<number>(tx, 'last_applied')) ?? 0;
      let packet = await retainedPacket(tx);
      if (!packet) packet = await buildPacket(tx, batchSize);
      return {
        header: {
          sender_node_id: identity.nodeId,
          recipient_node_id: identity.hubNodeId,
          packet_no: packet?.packetNo ?? 0,
          ack_packet_no: lastApplied,
          schema_version: this.options.schemaVersion,
          timestamp: new Date().toISOString(),
        },
        body: { entities: packet?.entities ?? [] },
      };
    });
  }

  /**
   * Takes the hub's reply: our packets up to its ack leave the queue, its
   * rejections are kept and reported, and its packet is applied, but only
   * once all our changes are acknowledged, so the hub has judged every local
   * edit (and any conflict) before we overwrite it.
   */
  async handleReply(reply: Envelope): Promise<ReplyOutcome> {
    const identity = await this.identity();
    if (reply.header.recipient_node_id !== identity.nodeId || reply.header.sender_node_id !== identity.hubNodeId) {
      throw new NodeStateError(`reply is from ${reply.header.sender_node_id} to ${reply.header.recipient_node_id}, not from our hub to us`);
    }
    return this.db.transaction(async (tx) => {
      const ack = reply.header.ack_packet_no;
      const acked = await tx.query<{ n: number }>('WITH d AS (DELETE FROM outbox WHERE packet_no <= $1 RETURNING 1) SELECT count(*)::int AS n FROM d', [ack]);
      await tx.query('DELETE FROM outgoing_packets WHERE packet_no <= $1', [ack]);
      const rejected = reply.body.rejected ?? [];
      for (const r of rejected) {
        await tx.query(
          `INSERT INTO quarantine (packet_no, uuid, type, code, reason)
           SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM quarantine WHERE packet_no = $1 AND uuid = $2)`,
          [ack, r.uuid, r.type, r.code, r.reason],
        );
      }
      const lastApplied = (await getState<number>(tx, 'last_applied')) ?? 0;
      const outstanding = (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0]!.n;
      let applied = 0;
      if (reply.header.packet_no === lastApplied + 1 && outstanding === 0) {
        for (const entity of reply.body.entities) {
          await upsertEntity(tx, { type: entity.type, uuid: entity.uuid, data: this.options.registry.parse(entity.type, entity.uuid, entity.data) });
        }
        applied = reply.body.entities.length;
        await setState(tx, 'last_applied', reply.header.packet_no);
      }
      return { acknowledged: acked.rows[0]!.n, applied, rejected, more: reply.header.packet_no > 0 };
    });
  }

  /** All queued changes as one checksummed file for offline transport (Property 35). */
  async exportFile(): Promise<string> {
    return writeExchangeFile(await this.nextEnvelope(Number.MAX_SAFE_INTEGER));
  }

  /** Applies the hub's reply file (made by the hub's import-file --reply). */
  async importReplyFile(text: string): Promise<ReplyOutcome> {
    return this.handleReply(readExchangeFile(text).envelope);
  }
}

async function upsertEntity(sql: Sql, entity: LocalEntity): Promise<void> {
  await sql.query(
    `INSERT INTO entities (uuid, type, data, updated_at, is_deleted) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (uuid) DO UPDATE SET type = EXCLUDED.type, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at, is_deleted = EXCLUDED.is_deleted`,
    [entity.uuid, entity.type, JSON.stringify(entity.data), entity.data.updated_at, entity.data.is_deleted],
  );
}

async function retainedPacket(sql: Sql): Promise<{ packetNo: number; entities: EntityChange[] } | undefined> {
  const { rows } = await sql.query<{ packet_no: number; entities: Uint8Array; sha256: string }>(
    'SELECT packet_no::int AS packet_no, entities, sha256 FROM outgoing_packets ORDER BY packet_no LIMIT 1',
  );
  const row = rows[0];
  if (!row) return undefined;
  const bytes = Buffer.from(row.entities);
  // A damaged retained packet must not go out as if it were the original.
  if (sha256(bytes) !== row.sha256) throw new NodeStateError(`retained packet ${row.packet_no} fails its checksum; the local store is damaged`);
  return { packetNo: row.packet_no, entities: JSON.parse(gunzipSync(bytes).toString('utf8')) as EntityChange[] };
}

async function buildPacket(sql: Sql, batchSize: number): Promise<{ packetNo: number; entities: EntityChange[] } | undefined> {
  const { rows } = await sql.query<{ seq: number; uuid: string; type: string; operation: Operation; data: EntityData }>(
    `SELECT o.seq::int AS seq, o.uuid, o.type, o.operation, e.data FROM outbox o JOIN entities e USING (uuid)
     WHERE o.packet_no IS NULL ORDER BY o.seq LIMIT $1`,
    [Math.min(batchSize, 1_000_000)],
  );
  if (rows.length === 0) return undefined;
  const packetNo = ((await getState<number>(sql, 'last_sent')) ?? 0) + 1;
  const entities: EntityChange[] = rows.map((r) => ({ type: r.type, uuid: r.uuid, operation: r.data.is_deleted ? 'DELETE' : r.operation, data: r.data }));
  const bytes = gzipSync(JSON.stringify(entities));
  await sql.query('UPDATE outbox SET packet_no = $1 WHERE seq = ANY($2::bigint[])', [packetNo, rows.map((r) => r.seq)]);
  await sql.query('INSERT INTO outgoing_packets (packet_no, entities, sha256) VALUES ($1, $2, $3)', [packetNo, bytes, sha256(bytes)]);
  await setState(sql, 'last_sent', packetNo);
  return { packetNo, entities };
}
