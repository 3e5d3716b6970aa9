import { z } from 'zod';

/**
 * Field rules shared by the staff form and the CSV import, so a row the form
 * refuses is refused by the import for the same reason. Card numbers follow
 * the device: a ZK card is a uint32 written without leading zeros, so a card
 * the device would store differently is refused here, not discovered later
 * as a conflict.
 */
export const fullName = z.string().trim().min(1, 'must not be empty').max(255);
export const employeeCode = z.string().trim().min(1, 'must not be empty').max(50).regex(/^[A-Za-z0-9._\-/]+$/, 'letters, digits and . _ - / only');
export const cardNumber = z
  .string()
  .trim()
  .regex(/^(0|[1-9]\d{0,9})$/, 'must be digits without leading zeros, as the device stores it')
  .refine((c) => Number(c) <= 4_294_967_295, 'must fit the device (at most 4294967295)');
