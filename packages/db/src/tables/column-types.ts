import type { ColumnType, InsertType, SelectType } from 'kysely';

/**
 * A jsonb column written as JSON text. Use it where the value may be an array
 * or a bare string: pg sends a JS array as a PostgreSQL array literal and a
 * string as-is, and jsonb rejects both. Objects can go in as they are.
 *
 * @example
 * await db.insertInto('attendance.device_user_count_history')
 *   .values({ device_id, user_count: ids.length, user_ids: JSON.stringify(ids) }).execute();
 */
export type JsonText<T> = ColumnType<T, string, string>;

/** A jsonb object column; pg serialises objects itself. */
export type JsonObject = Record<string, unknown>;

/** numeric: read as a string (no float rounding), written as a string or number. */
export type Numeric = ColumnType<string, string | number, string | number>;

/** date: a calendar day as `YYYY-MM-DD` (see createDb's DATE parser). */
export type CalendarDate = string;

/**
 * Marks every column of an append-only table as never updatable, so an UPDATE
 * is a compile error as well as a runtime one (the table's triggers reject it).
 */
export type AppendOnly<T> = { [K in keyof T]: ColumnType<SelectType<T[K]>, InsertType<T[K]>, never> };
