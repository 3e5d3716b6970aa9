import { sql } from 'kysely';
import type { Database, DeviceUpdate, Kysely, NewDevice, Transaction } from '@platform/db';

type Db = Kysely<Database> | Transaction<Database>;

/** Devices joined to their poller-written health row (absent until the first poll); never the comm key itself. */
function devicesWithHealth(db: Db) {
  return db
    .selectFrom('platform.devices as d')
    .leftJoin('platform.device_health as h', 'h.device_id', 'd.id')
    .select([
      'd.id',
      'd.name',
      'd.host',
      'd.port',
      'd.timezone',
      'd.enabled',
      'd.poll_interval_seconds',
      sql<boolean>`d.comm_key IS NOT NULL`.as('comm_key_set'),
      'h.last_contact_at',
      'h.last_success_at',
      'h.consecutive_failures',
      'h.breaker_state',
      'h.user_count',
      'h.log_count',
      'h.last_error',
    ]);
}

export function listDevicesWithHealth(db: Db) {
  return devicesWithHealth(db).orderBy('d.id').execute();
}

export function findDeviceWithHealth(db: Db, id: number) {
  return devicesWithHealth(db).where('d.id', '=', id).executeTakeFirst();
}

export type DeviceWithHealth = Awaited<ReturnType<typeof listDevicesWithHealth>>[number];

export function findDevice(db: Db, id: number) {
  return db.selectFrom('platform.devices').select(['id', 'name', 'enabled']).where('id', '=', id).executeTakeFirst();
}

/** Locked: two admins editing one device apply one after the other, each audited against what it replaced. */
export function lockDeviceConfig(trx: Transaction<Database>, id: number) {
  return trx.selectFrom('platform.devices').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertDevice(db: Db, row: NewDevice) {
  return db.insertInto('platform.devices').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateDevice(db: Db, id: number, changes: DeviceUpdate) {
  return db.updateTable('platform.devices').set({ ...changes, updated_at: new Date() }).where('id', '=', id).execute();
}
