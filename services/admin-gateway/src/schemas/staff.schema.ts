import { z } from 'zod';
import type { Staff } from '@platform/db';
import { cardNumber, employeeCode, fullName } from '../staff/staff-fields.js';
import { isoDateTime } from './common.schema.js';

export const staffRecord = z.object({
  id: z.int(),
  fullName: z.string(),
  employeeCode: z.string().nullable(),
  cardNumber: z.string().nullable(),
  active: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const toStaffRecord = (s: Staff): z.infer<typeof staffRecord> => ({
  id: s.id,
  fullName: s.full_name,
  employeeCode: s.employee_code,
  cardNumber: s.card_number,
  active: s.active,
  createdAt: s.created_at.toISOString(),
  updatedAt: s.updated_at.toISOString(),
});

export const staffCreateBody = z.object({ fullName, employeeCode: employeeCode.optional(), cardNumber: cardNumber.optional() });

export const staffUpdateBody = z
  .object({ fullName, employeeCode: employeeCode.nullable(), cardNumber: cardNumber.nullable(), active: z.boolean() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'name at least one field to change');

export const staffImportBody = z.object({
  csv: z.string().min(1).max(2_000_000).describe('CSV text; header: employee_code,full_name[,card_number][,active]'),
  dryRun: z.boolean().default(true).describe('true (default): report only; false: apply every valid row in one transaction'),
});

const issue = z.object({ field: z.string(), message: z.string() });
export const staffImportResult = z.object({
  dryRun: z.boolean(),
  summary: z.object({ create: z.int(), update: z.int(), unchanged: z.int(), refuse: z.int() }),
  rows: z.array(
    z.object({
      line: z.int(),
      employeeCode: z.string(),
      action: z.enum(['create', 'update', 'unchanged', 'refuse']),
      staffId: z.int().nullable(),
      changed: z.array(z.string()),
      errors: z.array(issue),
    }),
  ),
});
