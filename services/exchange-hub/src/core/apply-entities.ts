import { sql, type Transaction } from 'kysely';
import type { ConflictResolution, Database } from '@platform/db';
import { ProtocolError, type EntityChange, type EntityData, type EntityRegistry, type Rejection } from '@platform/exchange-protocol';
import { hasUnacknowledgedChange, registerChanges, type ChangeKey } from './change-registry.js';
import { existingUuids, readEntities, writeEntity, type StoredEntity } from './entity-store.js';

export interface ApplySource {
  nodeId: string;
  /** Incoming packet number; null for a change made on the hub itself. */
  packetNo: number | null;
  /** The node's acknowledged outgoing packet number (conflict detection). */
  ackedPacketNo: number;
}

export interface ApplyOutcome {
  applied: number;
  conflicts: number;
  rejected: Rejection[];
}

class RejectedChange extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Applies a node's changes in order, each in its own savepoint: a refused
 * change is quarantined with its reason and the ones behind it carry on, and
 * none is half-applied. Conflicts follow the type's policy, keep the losing
 * version in `object_version_history` and are audited (Properties 9-12, 31-34).
 */
export async function applyEntities(
  trx: Transaction<Database>,
  registry: EntityRegistry,
  source: ApplySource,
  entities: readonly EntityChange[],
): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { applied: 0, conflicts: 0, rejected: [] };
  const forOthers: ChangeKey[] = [];
  const echoes: ChangeKey[] = [];
  for (const entity of entities) {
    await sql`SAVEPOINT apply_entity`.execute(trx);
    try {
      const result = await applyOne(trx, registry, source, entity);
      await sql`RELEASE SAVEPOINT apply_entity`.execute(trx);
      outcome.applied += 1;
      if (result.conflict) outcome.conflicts += 1;
      const key = { type: entity.type, uuid: entity.uuid, operation: entity.operation };
      if (result.written) forOthers.push(key);
      // The node may still hold an older hub version in a packet it has not
      // applied yet; one more change after it makes the node converge.
      if (result.conflict) echoes.push(key);
    } catch (error) {
      await sql`ROLLBACK TO SAVEPOINT apply_entity`.execute(trx);
      const rejection = toRejection(entity, error);
      outcome.rejected.push(rejection);
      // The node keeps the refused version locally; queue the hub's own version
      // (if it has one) so the node converges instead of drifting.
      echoes.push({ type: entity.type, uuid: entity.uuid, operation: 'UPDATE' });
      await trx
        .insertInto('exchange.quarantine')
        .values({
          node_id: source.nodeId,
          packet_no: source.packetNo ?? 0,
          entity_type: entity.type,
          entity_uuid: entity.uuid,
          operation: entity.operation,
          data: entity.data,
          code: rejection.code,
          reason: rejection.reason,
        })
        .execute();
    }
  }
  await registerChanges(trx, forOthers, { exclude: source.nodeId });
  await registerChanges(trx, echoes, { only: source.nodeId });
  return outcome;
}

function toRejection(entity: EntityChange, error: unknown): Rejection {
  const base = { type: entity.type, uuid: entity.uuid };
  if (error instanceof RejectedChange || error instanceof ProtocolError) return { ...base, code: error.code, reason: error.message };
  const pg = error as { code?: string; message?: string };
  // Class 22 (data exception) and 23 (integrity constraint): the data is at fault, not the hub.
  if (typeof pg.code === 'string' && /^2[23]/.test(pg.code)) return { ...base, code: 'rejected_by_database', reason: pg.message ?? pg.code };
  throw error;
}

async function applyOne(
  trx: Transaction<Database>,
  registry: EntityRegistry,
  source: ApplySource,
  entity: EntityChange,
): Promise<{ written: boolean; conflict: boolean }> {
  const def = registry.get(entity.type);
  const data = registry.parse(entity.type, entity.uuid, entity.data);
  if ((entity.operation === 'DELETE') !== data.is_deleted) {
    throw new RejectedChange('invalid_entity', `${entity.type} ${entity.uuid}: operation ${entity.operation} disagrees with is_deleted=${data.is_deleted}`);
  }
  for (const ref of registry.references(entity.type, data)) {
    const found = await existingUuids(trx, registry.get(ref.type), [ref.uuid]);
    if (!found.has(ref.uuid)) {
      throw new RejectedChange('missing_reference', `${entity.type} ${entity.uuid}: ${ref.field} points at ${ref.type} ${ref.uuid}, which the hub does not have`);
    }
  }
  const [current] = await readEntities(trx, def, [entity.uuid], true);
  const conflict =
    current !== undefined &&
    source.packetNo !== null &&
    current.originNodeId !== source.nodeId &&
    (await hasUnacknowledgedChange(trx, source.nodeId, entity.uuid, source.ackedPacketNo));
  if (!conflict || !current) {
    await writeEntity(trx, def, entity.uuid, data, source.nodeId);
    return { written: true, conflict: false };
  }
  const policy = registry.policy(entity.type);
  const clientWins = policy === 'latest_timestamp' && Date.parse(data.updated_at) > Date.parse(current.data.updated_at);
  const loser: StoredEntity = clientWins ? current : { type: entity.type, uuid: entity.uuid, data, originNodeId: source.nodeId };
  const resolution: ConflictResolution = policy === 'server_wins' ? 'server_wins' : 'latest_timestamp';
  const version = await trx
    .insertInto('exchange.object_version_history')
    .values({
      entity_uuid: entity.uuid,
      entity_type: entity.type,
      source_node_id: loser.originNodeId,
      packet_no: clientWins ? null : source.packetNo,
      serialized_data: loser.data,
      conflict_resolution: resolution,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('exchange.audit_log')
    .values({
      entity_type: entity.type,
      entity_uuid: entity.uuid,
      node_id: source.nodeId,
      resolution,
      winner: clientWins ? 'client' : 'server',
      version_id: version.id,
      details: auditDetails(policy, current, data, source),
    })
    .execute();
  if (clientWins) await writeEntity(trx, def, entity.uuid, data, source.nodeId);
  return { written: clientWins, conflict: true };
}

function auditDetails(policy: string, hub: StoredEntity, node: EntityData, source: ApplySource) {
  return {
    policy,
    packet_no: source.packetNo,
    hub_updated_at: hub.data.updated_at,
    hub_origin_node_id: hub.originNodeId,
    node_updated_at: node.updated_at,
  };
}
