import type { Database, Kysely, Transaction } from '@platform/db';

type Db = Kysely<Database> | Transaction<Database>;

/** Devices with their poller-written health row (absent until the first poll). */
export function listDevicesWithHealth(db: Db) {
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
      'h.last_contact_at',
      'h.last_success_at',
      'h.consecutive_failures',
      'h.breaker_state',
      'h.user_count',
      'h.log_count',
      'h.last_error',
    ])
    .orderBy('d.id')
    .execute();
}

export type DeviceWithHealth = Awaited<ReturnType<typeof listDevicesWithHealth>>[number];

export function findDevice(db: Db, id: number) {
  return db.selectFrom('platform.devices').select(['id', 'name', 'enabled']).where('id', '=', id).executeTakeFirst();
}
