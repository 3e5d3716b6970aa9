import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** `metering.register`: registers copied from the client system, per tenant (ids are remote ids). */
export interface RegisterTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  register: number;
  unit: string | null;
  field_name: string | null;
  synced_at: Generated<Date>;
}
export type Register = Selectable<RegisterTable>;
export type NewRegister = Insertable<RegisterTable>;
export type RegisterUpdate = Updateable<RegisterTable>;
