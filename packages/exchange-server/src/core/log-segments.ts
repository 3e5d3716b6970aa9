import { gunzipSync, gzipSync } from 'node:zlib';
import type { Kysely, Transaction } from 'kysely';
import type { ChangeOperation, Database } from '@platform/db';
import { sha256, type EntityChange, type EntityRegistry } from '@platform/exchange-protocol';
import { readEntities } from './entity-store.js';

/** One entity of a segment with every route its log rows gave it: `[origin, target | null]`. */
interface SegmentEntry {
  change: EntityChange;
  routes: [string, string | null][];
}

/** What one node gets of a segment: the same object (and the same gzipped bytes) for every node with the same filter result. */
export interface NodeView {
  entities: EntityChange[];
  /** `JSON.stringify(entities)`, gzipped once: spliced into every reply carrying this view. */
  gzipped: Buffer;
  sha256: string;
}

export interface Segment {
  start: number;
  end: number;
  entries: SegmentEntry[];
  views: Map<string, NodeView>;
}

/**
 * Immutable log segments by start position, shared by all nodes of a hub process. A cache only:
 * a miss reads `exchange.log_segments`, so replicas and restarts agree (the stored row decides).
 */
export class SegmentCache {
  private readonly segments = new Map<number, Segment>();

  constructor(private readonly capacity = 256) {}

  get(start: number): Segment | undefined {
    const segment = this.segments.get(start);
    if (segment) {
      this.segments.delete(start);
      this.segments.set(start, segment);
    }
    return segment;
  }

  put(segment: Segment): Segment {
    this.segments.set(segment.start, segment);
    if (this.segments.size > this.capacity) this.segments.delete(this.segments.keys().next().value!);
    return segment;
  }
}

const caches = new WeakMap<object, SegmentCache>();
/** The cache of one hub context (a test's fresh hub gets a fresh cache). */
export function cacheOf(owner: object): SegmentCache {
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new SegmentCache()));
  return cache;
}

function decode(start: number, end: number, payload: Buffer): Segment {
  const entries = JSON.parse(gunzipSync(payload).toString('utf8')) as SegmentEntry[];
  return { start, end, entries, views: new Map() };
}

/** The stored segment starting at `start`, if one was cut. */
export async function loadSegment(db: Kysely<Database> | Transaction<Database>, cache: SegmentCache, start: number): Promise<Segment | undefined> {
  const cached = cache.get(start);
  if (cached) return cached;
  const row = await db.selectFrom('exchange.log_segments').selectAll().where('start_position', '=', start).executeTakeFirst();
  return row ? cache.put(decode(row.start_position, row.end_position, row.payload)) : undefined;
}

interface LogRow {
  position: number;
  entity_type: string;
  entity_uuid: string;
  operation: ChangeOperation;
  origin_node_id: string;
  target_node_id: string | null;
}

/**
 * The segment at `start`: the stored one, or a new cut of the log after `start` holding at most
 * `batchSize` distinct entities (Property 23) in the order of their first change, so a referenced
 * entity precedes its referrers. Entities are read once, with the data current at the cut, and
 * the cut is committed on its own so every node and every resend sees the same bytes. Undefined
 * when the log has nothing after `start`.
 */
export async function segmentAt(db: Kysely<Database>, registry: EntityRegistry, cache: SegmentCache, start: number, batchSize: number): Promise<Segment | undefined> {
  const existing = await loadSegment(db, cache, start);
  if (existing) return existing;
  const picked = new Map<string, { type: string; operation: ChangeOperation; routes: Map<string, [string, string | null]> }>();
  let end = start;
  scan: for (let after = start; ; ) {
    const rows: LogRow[] = await db
      .selectFrom('exchange.change_log')
      .select(['position', 'entity_type', 'entity_uuid', 'operation', 'origin_node_id', 'target_node_id'])
      .where('position', '>', after)
      .orderBy('position')
      .limit(batchSize * 4)
      .execute();
    for (const row of rows) {
      let entry = picked.get(row.entity_uuid);
      if (!entry) {
        if (picked.size >= batchSize) break scan;
        picked.set(row.entity_uuid, (entry = { type: row.entity_type, operation: row.operation, routes: new Map() }));
      }
      entry.operation = row.operation;
      entry.routes.set(`${row.origin_node_id}|${row.target_node_id}`, [row.origin_node_id, row.target_node_id]);
      end = Number(row.position);
    }
    if (rows.length < batchSize * 4) break;
    after = Number(rows.at(-1)!.position);
  }
  if (end === start) return undefined;

  const byType = new Map<string, string[]>();
  for (const [uuid, entry] of picked) {
    const uuids = byType.get(entry.type);
    if (uuids) uuids.push(uuid);
    else byType.set(entry.type, [uuid]);
  }
  const data = new Map<string, EntityChange['data']>();
  for (const [type, uuids] of byType) {
    // A type dropped from the configuration is no longer delivered.
    if (!registry.has(type)) continue;
    for (const entity of await readEntities(db, registry.get(type), uuids)) data.set(entity.uuid, entity.data);
  }
  const entries: SegmentEntry[] = [];
  for (const [uuid, entry] of picked) {
    const state = data.get(uuid);
    if (!state) continue;
    const operation = state.is_deleted ? 'DELETE' : entry.operation === 'INSERT' ? 'INSERT' : 'UPDATE';
    entries.push({ change: { type: entry.type, uuid, operation, data: state }, routes: [...entry.routes.values()] });
  }
  // Level 1: the payload is read back only on a cache miss; replies carry the views' own gzip.
  const payload = gzipSync(JSON.stringify(entries), { level: 1 });
  const inserted = await db
    .insertInto('exchange.log_segments')
    .values({ start_position: start, end_position: end, entity_count: entries.length, payload })
    .onConflict((oc) => oc.column('start_position').doNothing())
    .returning('start_position')
    .executeTakeFirst();
  // Another node (or replica) cut it first: theirs is the one every resend will read.
  if (!inserted) return (await loadSegment(db, cache, start))!;
  return cache.put({ start, end, entries, views: new Map() });
}

/**
 * The part of `segment` for `nodeId`: entries targeted at it, or untargeted and not its own.
 * Nodes with the same filter result share one view and its gzipped bytes.
 */
export function viewFor(segment: Segment, nodeId: string): NodeView {
  const hidden: number[] = [];
  segment.entries.forEach((entry, i) => {
    if (!entry.routes.some(([origin, target]) => target === nodeId || (target === null && origin !== nodeId))) hidden.push(i);
  });
  const key = hidden.join(',');
  let view = segment.views.get(key);
  if (!view) {
    const skip = new Set(hidden);
    const entities = segment.entries.filter((_, i) => !skip.has(i)).map((e) => e.change);
    const json = JSON.stringify(entities);
    view = { entities, gzipped: gzipSync(json), sha256: sha256(json) };
    // Bounded: a view per distinct filter result, at most one per node.
    if (segment.views.size < 1024) segment.views.set(key, view);
  }
  return view;
}
