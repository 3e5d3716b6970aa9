import { z } from 'zod';
import type { ResolutionStrategy } from '@platform/db';
import { unprocessable, type FieldError } from './errors.js';

/**
 * What the device-poller stores in `user_conflicts.device_data`: the device's
 * user record, camelCase as in the `write-user` payload. Read leniently: only
 * the attributes a resolution compares are needed.
 */
const deviceData = z.looseObject({
  name: z.string().nullish(),
  cardNumber: z.union([z.string(), z.number()]).nullish(),
  uid: z.int().min(1).max(65_535).nullish(),
  privilege: z.int().min(0).max(14).nullish(),
  groupId: z.int().min(0).max(99).nullish(),
});
export type DeviceData = z.infer<typeof deviceData>;

/** The attributes a conflict is about, on either side. */
export interface UserAttributes {
  name: string;
  cardNumber: string | null;
}

export type Side = 'device' | 'database';
export type MergeFields = Record<keyof UserAttributes, Side>;

export function parseDeviceData(raw: unknown, conflictId: number): DeviceData {
  const parsed = deviceData.safeParse(raw);
  if (!parsed.success) {
    throw unprocessable(`conflict ${conflictId} holds device data this service cannot read`, [
      { path: 'device_data', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') },
    ]);
  }
  return parsed.data;
}

export function deviceAttributes(data: DeviceData): { name: string | null; cardNumber: string | null } {
  const card = data.cardNumber === null || data.cardNumber === undefined ? null : String(data.cardNumber);
  return { name: data.name?.trim() ? data.name : null, cardNumber: card === '' ? null : card };
}

/**
 * The attributes both sides must hold after resolving (seed 000 Property 12):
 * `use_device` takes the device's, `use_database` the staff row's, `merge`
 * picks each attribute from the side the admin chose.
 */
export function targetAttributes(
  strategy: ResolutionStrategy,
  device: { name: string | null; cardNumber: string | null },
  database: UserAttributes,
  fields?: MergeFields,
): UserAttributes {
  const pick = (key: keyof UserAttributes, side: Side) => (side === 'device' ? device[key] : database[key]);
  const sides: MergeFields =
    strategy === 'use_device'
      ? { name: 'device', cardNumber: 'device' }
      : strategy === 'use_database'
        ? { name: 'database', cardNumber: 'database' }
        : (fields ?? { name: 'database', cardNumber: 'database' });
  const name = pick('name', sides.name);
  if (name === null) {
    // staff.full_name is NOT NULL and a nameless staff row is useless: refuse rather than invent one.
    throw unprocessable('the device user has no name, so the name cannot be taken from the device', [
      { path: strategy === 'merge' ? 'body.fields.name' : 'body.strategy', message: 'choose "database" for the name' },
    ]);
  }
  return { name, cardNumber: pick('cardNumber', sides.cardNumber) };
}

// A ZK user record holds a name of at most 24 printable ASCII characters and the card as a uint32
// (0 = none). A staff row may hold what a device cannot ("0012", "9999999999", "Zoë"); writing it
// would fail on the device after the staff row and the conflict were already settled, or store
// another value ("0012" -> 12) and reopen the same conflict on the next sync.
const DEVICE_NAME = /^[\x20-\x7e]{1,24}$/;
const DEVICE_CARD = /^[1-9]\d{0,9}$/;
const UINT32_MAX = 0xffff_ffff;

/**
 * Refuses (422, nothing written) a resolution whose device write could not store the chosen
 * attributes exactly. Only for strategies that write the device (`use_database`, `merge`).
 */
export function assertDeviceCanHold(target: UserAttributes, strategy: ResolutionStrategy, fields?: MergeFields): void {
  const path = (key: keyof UserAttributes) => (strategy === 'merge' && fields ? `body.fields.${key}` : 'body.strategy');
  const errors: FieldError[] = [];
  if (!DEVICE_NAME.test(target.name)) {
    errors.push({ path: path('name'), message: `the device holds at most 24 printable ASCII characters; ${JSON.stringify(target.name)} does not fit` });
  }
  const card = target.cardNumber;
  if (card !== null && !(DEVICE_CARD.test(card) && Number(card) <= UINT32_MAX)) {
    errors.push({ path: path('cardNumber'), message: `the device holds a card as a number 1..${UINT32_MAX} without leading zeros; ${JSON.stringify(card)} would not survive the write` });
  }
  if (errors.length > 0) {
    throw unprocessable('the device cannot hold the attributes this resolution would write; take them from the device or correct the staff row first', errors);
  }
}

/**
 * The `cardNumber` of the `write-user` payload: the device's "no card" is 0, and an omitted card
 * makes device-poller keep the one the device has, which would leave the two sides apart.
 */
export const deviceCardNumber = (card: string | null): string => card ?? '0';
