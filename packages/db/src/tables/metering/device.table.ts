import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** `metering.device`: devices copied from the client system (ids are remote ids). */
export interface MeteringDeviceTable {
  id: Generated<number>;
  name: string | null;
  active: Generated<boolean>;
  synced_at: Generated<Date>;
}
export type MeteringDevice = Selectable<MeteringDeviceTable>;
export type NewMeteringDevice = Insertable<MeteringDeviceTable>;
export type MeteringDeviceUpdate = Updateable<MeteringDeviceTable>;
