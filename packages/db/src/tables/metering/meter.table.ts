import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** `metering.meter`: meters copied from the client system, key `(id, meter_element_id)`, per tenant. */
export interface MeterTable {
  id: number;
  meter_element_id: number;
  tenant_id: number;
  device_id: number | null;
  name: string | null;
  active: Generated<boolean>;
  ip: string | null;
  port: number | null;
  element: string | null;
  synced_at: Generated<Date>;
}
export type Meter = Selectable<MeterTable>;
export type NewMeter = Insertable<MeterTable>;
export type MeterUpdate = Updateable<MeterTable>;
