import { z } from 'zod';
import { formatIssues, InvalidEntityError, UnknownEntityTypeError } from './errors.js';

export type FieldKind = 'text' | 'uuid' | 'date' | 'integer' | 'boolean' | 'timestamp';

export interface FieldDef {
  kind: FieldKind;
  nullable?: boolean;
  /** text only; default 10,000 characters. */
  maxLength?: number;
  /** uuid only: the entity type this field points at (Property 3). */
  references?: string;
}

/** Child rows that live and travel inside their parent (the spec's DailyReport lines). */
export interface ChildCollectionDef {
  table: string;
  /** Column of the child table holding the parent's uuid. */
  parentField: string;
  fields: Record<string, FieldDef>;
}

/** `server_wins` keeps the hub's version (default); `latest_timestamp` keeps the newer `updated_at`. */
export type ConflictPolicy = 'server_wins' | 'latest_timestamp';

/** A synchronisable type: adding one is registration, not code (Property 14). */
export interface EntityTypeDef {
  type: string;
  /** `schema.table` of the parent rows on the hub. */
  table: string;
  fields: Record<string, FieldDef>;
  children?: Record<string, ChildCollectionDef>;
  conflictPolicy?: ConflictPolicy;
}

/** An entity's whole state as it travels in `data`: its fields, its children, `updated_at` (UTC) and `is_deleted`. */
export type EntityData = Record<string, unknown> & { updated_at: string; is_deleted: boolean };

/** Columns every entity table has besides its fields; a field may not use these names. */
export const SYSTEM_COLUMNS = ['uuid', 'updated_at', 'is_deleted', 'origin_node_id', 'position'] as const;

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const TABLE = /^[a-z_][a-z0-9_]{0,62}\.[a-z_][a-z0-9_]{0,62}$/;

// Years before 1900 are almost surely typos, and PostgreSQL has no year 0.
const inRange = (iso: string) => iso.slice(0, 4) >= '1900' && iso.slice(0, 4) <= '9999';

const lowerUuid = z.uuid().transform((v) => v.toLowerCase());

function fieldSchema(field: FieldDef): z.ZodType {
  const base = ((): z.ZodType => {
    switch (field.kind) {
      case 'text':
        // PostgreSQL text cannot hold NUL; refusing it here beats a failed insert later.
        return z.string().max(field.maxLength ?? 10_000).refine((v) => !v.includes('\u0000'), 'must not contain NUL characters');
      case 'uuid':
        return lowerUuid;
      case 'date':
        return z.iso.date().refine(inRange, 'year must be 1900-9999');
      case 'integer':
        return z.number().int().min(-2_147_483_648).max(2_147_483_647);
      case 'boolean':
        return z.boolean();
      case 'timestamp':
        return utcTimestamp;
    }
  })();
  return field.nullable ? base.nullable() : base;
}

/** ISO-8601 with an offset, normalised to UTC with milliseconds so both ends compare equal. */
export const utcTimestamp = z.iso
  .datetime({ offset: true })
  .transform((v) => new Date(v).toISOString())
  .refine(inRange, 'year must be 1900-9999');

function objectSchema(fields: Record<string, FieldDef>) {
  return Object.fromEntries(Object.entries(fields).map(([name, def]) => [name, fieldSchema(def)]));
}

/**
 * Entity types by name, with the validation each implies.
 *
 * @example
 * const registry = new EntityRegistry().register(brigadeType).register(dailyReportType);
 * const data = registry.parse('Brigade', uuid, { name: 'North', foreman: null, updated_at, is_deleted: false });
 */
export class EntityRegistry {
  readonly #types = new Map<string, { def: EntityTypeDef; schema: z.ZodType<EntityData> }>();

  register(def: EntityTypeDef): this {
    if (this.#types.has(def.type)) throw new Error(`entity type "${def.type}" is already registered`);
    if (!/^[A-Za-z][A-Za-z0-9_]{0,99}$/.test(def.type)) throw new Error(`entity type name "${def.type}" must be alphanumeric`);
    const tables = [def.table, ...Object.values(def.children ?? {}).map((c) => c.table)];
    for (const table of tables) if (!TABLE.test(table)) throw new Error(`${def.type}: table "${table}" must be schema.table in lower case`);
    const names = [...Object.keys(def.fields), ...Object.keys(def.children ?? {})];
    for (const child of Object.values(def.children ?? {})) names.push(child.parentField, ...Object.keys(child.fields));
    for (const name of names) {
      if (!IDENTIFIER.test(name)) throw new Error(`${def.type}: field "${name}" must be a lower-case identifier`);
    }
    for (const name of [...Object.keys(def.fields), ...Object.keys(def.children ?? {})]) {
      if ((SYSTEM_COLUMNS as readonly string[]).includes(name)) throw new Error(`${def.type}: "${name}" is a system column`);
    }
    const children = Object.fromEntries(
      Object.entries(def.children ?? {}).map(([key, child]) => [
        key,
        z
          .array(z.strictObject({ uuid: lowerUuid, ...objectSchema(child.fields) }))
          .refine((rows) => new Set(rows.map((r) => r.uuid)).size === rows.length, 'child uuids must be unique'),
      ]),
    );
    const schema = z.strictObject({
      ...objectSchema(def.fields),
      ...children,
      updated_at: utcTimestamp,
      is_deleted: z.boolean(),
    }) as unknown as z.ZodType<EntityData>;
    this.#types.set(def.type, { def, schema });
    return this;
  }

  /** Throws {@link UnknownEntityTypeError} for a type nobody registered. */
  get(type: string): EntityTypeDef {
    return this.#entry(type).def;
  }

  has(type: string): boolean {
    return this.#types.has(type);
  }

  types(): string[] {
    return [...this.#types.keys()];
  }

  policy(type: string): ConflictPolicy {
    return this.get(type).conflictPolicy ?? 'server_wins';
  }

  /** Validates and canonicalises `data` (lower-case uuids, UTC timestamps); throws {@link InvalidEntityError}. */
  parse(type: string, uuid: string, data: unknown): EntityData {
    const result = this.#entry(type).schema.safeParse(data);
    if (!result.success) throw new InvalidEntityError(type, uuid, formatIssues(result.error.issues));
    return result.data;
  }

  /** Every non-null reference in `data`, its children's included, so the receiver can check they exist. */
  references(type: string, data: EntityData): { field: string; type: string; uuid: string }[] {
    const def = this.get(type);
    const refs: { field: string; type: string; uuid: string }[] = [];
    const collect = (fields: Record<string, FieldDef>, row: Record<string, unknown>, prefix: string) => {
      for (const [name, field] of Object.entries(fields)) {
        const value = row[name];
        if (field.references && typeof value === 'string') refs.push({ field: prefix + name, type: field.references, uuid: value });
      }
    };
    collect(def.fields, data, '');
    for (const [key, child] of Object.entries(def.children ?? {})) {
      for (const row of (data[key] as Record<string, unknown>[] | undefined) ?? []) collect(child.fields, row, `${key}.`);
    }
    return refs;
  }

  #entry(type: string) {
    const entry = this.#types.get(type);
    if (!entry) throw new UnknownEntityTypeError(type, this.types());
    return entry;
  }
}
