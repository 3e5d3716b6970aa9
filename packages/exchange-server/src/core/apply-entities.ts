import { sql, type Transaction } from 'kysely';
import type { ConflictResolution, Database } from '@platform/db';
import { ProtocolError, type EntityChange, type EntityData, type EntityRegistry, type Rejection } from '@platform/exchange-protocol';
import { unacknowledged, type ChangeKey, type LogWrites } from './change-registry.js';
import { currentVersions, prepareBatch, writeBatch, type Prepared } from './apply-batch.js';
import { existingUuids, readEntities, writeEntity, type StoredEntity } from './entity-store.js';

export interface ApplySource {
  nodeId: string;
  /** Incoming packet number; null for a change made on the hub itself. */
  packetNo: number | null;
  /** The node's log cursor after this request's acknowledgement (conflict detection). */
  logCursor: number;
}

export interface ApplyOutcome {
  applied: number;
  conflicts: number;
  rejected: Rejection[];
  /** What the caller appends to the change log, last in its transaction. */
  log: LogWrites;
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
 * Applies a node's changes in order: a refused change is quarantined with its
 * reason and the ones behind it carry on, and none is half-applied. Conflicts
 * follow the type's policy, keep the losing version in
 * `object_version_history` and are audited (Properties 9-12, 31-34).
 *
 * The set-based path does the whole packet in a dozen statements; if the
 * database refuses it (a constraint the registry cannot see, a uuid repeated
 * in the packet) it is rolled back and the packet is applied one entity per
 * savepoint, so only the offending change is quarantined.
 */
export async function applyEntities(
  trx: Transaction<Database>,
  registry: EntityRegistry,
  source: ApplySource,
  entities: readonly EntityChange[],
): Promise<ApplyOutcome> {
  if (new Set(entities.map((e) => e.uuid)).size === entities.length) {
    await sql`SAVEPOINT apply_batch`.execute(trx);
    try {
      const outcome = await applyAsBatch(trx, registry, source, entities);
      await sql`RELEASE SAVEPOINT apply_batch`.execute(trx);
      return outcome;
    } catch (error) {
      if (!isDataError(error)) throw error;
      await sql`ROLLBACK TO SAVEPOINT apply_batch`.execute(trx);
    }
  }
  return applyOneByOne(trx, registry, source, entities);
}

async function applyAsBatch(
  trx: Transaction<Database>,
  registry: EntityRegistry,
  source: ApplySource,
  entities: readonly EntityChange[],
): Promise<ApplyOutcome> {
  const { valid, rejected } = await prepareBatch(trx, registry, entities);
  const current = await currentVersions(trx, registry, valid);
  const candidates = source.packetNo === null ? [] : valid.filter((i) => current.has(i.entity.uuid) && current.get(i.entity.uuid)!.originNodeId !== source.nodeId);
  const contested = await unacknowledged(trx, source.nodeId, candidates.map((i) => i.entity.uuid), source.logCursor);
  const winners: Prepared[] = [];
  const echoes: ChangeKey[] = [];
  for (const item of valid) {
    if (!contested.has(item.entity.uuid)) {
      winners.push(item);
      continue;
    }
    if (await resolveConflict(trx, registry, source, item.entity, item.data, current.get(item.entity.uuid)!)) winners.push(item);
    echoes.push(keyOf(item.entity));
  }
  await writeBatch(trx, registry, winners, source.nodeId);
  for (const { entity, rejection } of rejected) {
    await quarantine(trx, source, entity, rejection);
    echoes.push(keyOf(entity));
  }
  return {
    applied: valid.length,
    conflicts: contested.size,
    rejected: orderLike(entities, rejected.map((r) => r.rejection)),
    log: { forOthers: winners.map((w) => keyOf(w.entity)), echoes },
  };
}

const keyOf = (entity: EntityChange): ChangeKey => ({ type: entity.type, uuid: entity.uuid, operation: entity.operation });

function orderLike(entities: readonly EntityChange[], rejections: Rejection[]): Rejection[] {
  const position = new Map(entities.map((e, i) => [e.uuid, i]));
  return rejections.sort((a, b) => position.get(a.uuid)! - position.get(b.uuid)!);
}

// Class 22 (data exception) and 23 (integrity constraint): the data is at fault, not the hub.
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

async function quarantine(trx: Transaction<Database>, source: ApplySource, entity: EntityChange, rejection: Rejection): Promise<void> {
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

async function applyOneByOne(
  trx: Transaction<Database>,
  registry: EntityRegistry,
  source: ApplySource,
  entities: readonly EntityChange[],
): Promise<ApplyOutcome> {
  const forOthers: ChangeKey[] = [];
  const echoes: ChangeKey[] = [];
  const outcome: ApplyOutcome = { applied: 0, conflicts: 0, rejected: [], log: { forOthers, echoes } };
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
      echoes.push(keyOf(entity));
      await quarantine(trx, source, entity, rejection);
    }
  }
  return outcome;
}

function toRejection(entity: EntityChange, error: unknown): Rejection {
  const base = { type: entity.type, uuid: entity.uuid };
  if (error instanceof RejectedChange || error instanceof ProtocolError) return { ...base, code: error.code, reason: error.message };
  if (isDataError(error)) return { ...base, code: 'rejected_by_database', reason: (error as Error).message };
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
    (await unacknowledged(trx, source.nodeId, [entity.uuid], source.logCursor)).has(entity.uuid);
  if (!conflict || !current) {
    await writeEntity(trx, def, entity.uuid, data, source.nodeId);
    return { written: true, conflict: false };
  }
  const clientWins = await resolveConflict(trx, registry, source, entity, data, current);
  if (clientWins) await writeEntity(trx, def, entity.uuid, data, source.nodeId);
  return { written: clientWins, conflict: true };
}

/** Records a conflict (history, audit) and says whether the node's version wins (and must be written). */
async function resolveConflict(
  trx: Transaction<Database>,
  registry: EntityRegistry,
  source: ApplySource,
  entity: EntityChange,
  data: EntityData,
  current: StoredEntity,
): Promise<boolean> {
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
  return clientWins;
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
