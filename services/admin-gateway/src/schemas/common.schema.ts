import { z } from 'zod';
import { queueNames } from '@platform/queues';

// PostgreSQL `integer` stops at 2^31-1: a larger id in a path must be a 400,
// not a 500 from the driver ("value out of range for type integer").
export const INT4_MAX = 2_147_483_647;

export const intId = z.coerce.number().int().min(1).max(INT4_MAX);
/** bigint keys (buffer, conflicts) still fit a JS number: createDb parses int8 as a safe integer. */
export const bigId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** ZKTeco user id as the device stores it (same rule as the queue catalog). */
export const deviceUserIdParam = z.string().regex(/^\d{1,9}$/, 'must be 1-9 digits, as the device stores it');

export const isoDateTime = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z');

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

/** `from` inclusive, `to` exclusive; either may be left out. */
export const rangeQuery = { from: isoDateTime.optional(), to: isoDateTime.optional() };

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.int().min(0), limit: z.int(), offset: z.int() });

/**
 * A list that pages by offset (with `total`) or, given `after`, by keyset: every page then costs
 * the same at any depth, rows written meanwhile never shift it, and no total is counted (null).
 */
export const cursorPage = <T extends z.ZodType, C extends z.ZodType>(item: T, cursor: C) =>
  z.object({
    items: z.array(item),
    total: z.int().min(0).nullable().describe('null when paging by `after` (not counted)'),
    limit: z.int(),
    offset: z.int(),
    nextCursor: cursor.nullable().describe('pass as `after` for the next page; null on the last page'),
  });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details (application/problem+json)');

/** Documented problem responses; the error handler serialises them itself. */
export const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, problemSchema])) as Record<number, typeof problemSchema>;

export const acceptedJobSchema = z.object({
  queue: z.enum(queueNames),
  jobId: z.string(),
  statusUrl: z.string().describe('GET it for state, progress and result'),
});

export const toIso = (date: Date | null): string | null => (date ? date.toISOString() : null);
