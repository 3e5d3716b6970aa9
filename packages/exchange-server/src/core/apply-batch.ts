import type { Transaction } from 'kysely';
import type { Database } from '@platform/db';
import { ProtocolError, type EntityChange, type EntityData, type EntityRegistry, type Rejection } from '@platform/exchange-protocol';
import { existingUuids, readEntities, writeEntities, type StoredEntity } from './entity-store.js';

export interface Prepared {
  entity: EntityChange;
  data: EntityData;
}

/**
 * The set-based half of applying a packet: validation and reference checks
 * for all entities at once, then the current versions and the conflict
 * candidates in one query per table. A packet of 500 costs a dozen round trips
 * instead of thousands (bench/exchange).
 */
export async function prepareBatch(
  trx: Transaction<Database>,
  registry: EntityRegistry,
  entities: readonly EntityChange[],
): Promise<{ valid: Prepared[]; rejected: { entity: EntityChange; rejection: Rejection }[] }> {
  const valid: Prepared[] = [];
  const rejected: { entity: EntityChange; rejection: Rejection }[] = [];
  for (const entity of entities) {
    try {
      const data = registry.parse(entity.type, entity.uuid, entity.data);
      if ((entity.operation === 'DELETE') !== data.is_deleted) {
        throw new ProtocolError('invalid_entity', `${entity.type} ${entity.uuid}: operation ${entity.operation} disagrees with is_deleted=${data.is_deleted}`);
      }
      valid.push({ entity, data });
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      rejected.push({ entity, rejection: { type: entity.type, uuid: entity.uuid, code: error.code, reason: error.message } });
    }
  }
  // References may point at the hub's entities or at earlier ones in this packet.
  const wanted = new Map<string, Set<string>>();
  for (const { entity, data } of valid) {
    for (const ref of registry.references(entity.type, data)) wanted.set(ref.type, (wanted.get(ref.type) ?? new Set()).add(ref.uuid));
  }
  const known = new Map<string, Set<string>>();
  for (const [type, uuids] of wanted) known.set(type, await existingUuids(trx, registry.get(type), [...uuids]));
  const accepted: Prepared[] = [];
  for (const item of valid) {
    const missing = registry.references(item.entity.type, item.data).find((ref) => !known.get(ref.type)?.has(ref.uuid));
    if (missing) {
      rejected.push({
        entity: item.entity,
        rejection: { type: item.entity.type, uuid: item.entity.uuid, code: 'missing_reference', reason: `${item.entity.type} ${item.entity.uuid}: ${missing.field} points at ${missing.type} ${missing.uuid}, which the hub does not have` },
      });
      continue;
    }
    accepted.push(item);
    known.set(item.entity.type, (known.get(item.entity.type) ?? new Set()).add(item.entity.uuid));
  }
  return { valid: accepted, rejected };
}

/** Current hub versions (locked) of the prepared entities, by uuid. */
export async function currentVersions(trx: Transaction<Database>, registry: EntityRegistry, items: readonly Prepared[]): Promise<Map<string, StoredEntity>> {
  const byType = new Map<string, string[]>();
  for (const { entity } of items) {
    const uuids = byType.get(entity.type);
    if (uuids) uuids.push(entity.uuid);
    else byType.set(entity.type, [entity.uuid]);
  }
  const current = new Map<string, StoredEntity>();
  for (const [type, uuids] of byType) {
    for (const stored of await readEntities(trx, registry.get(type), uuids, true)) current.set(stored.uuid, stored);
  }
  return current;
}

/** Writes the winners, grouped by type in registry order so referenced rows land first. */
export async function writeBatch(trx: Transaction<Database>, registry: EntityRegistry, items: readonly Prepared[], originNodeId: string): Promise<void> {
  for (const type of registry.types()) {
    const ofType = items.filter((i) => i.entity.type === type);
    await writeEntities(trx, registry.get(type), ofType.map((i) => ({ uuid: i.entity.uuid, data: i.data, originNodeId })));
  }
}
