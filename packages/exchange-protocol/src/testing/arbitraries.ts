import fc from 'fast-check';
import type { EntityChange, Envelope } from '../envelope.schema.js';

// Shared by the protocol, hub and client tests, so every layer is driven by
// the same shapes of data. Small sizes: the property runs stay fast on 2 cores.

export const uuidArb = fc.uuid({ version: 4 });

export const isoTimestampArb = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

export const isoDateArb = isoTimestampArb.map((t) => t.slice(0, 10));

/** Any Unicode text PostgreSQL can store (no NUL, no lone surrogates). */
export const textArb = (maxLength = 12) => fc.string({ unit: 'grapheme', maxLength }).filter((s) => !s.includes('\u0000'));

export const brigadeArb = (uuid: fc.Arbitrary<string> = uuidArb): fc.Arbitrary<EntityChange> =>
  fc.record({
    type: fc.constant('Brigade'),
    uuid,
    operation: fc.constantFrom('INSERT' as const, 'UPDATE' as const),
    data: fc.record({
      name: textArb(),
      foreman: fc.option(textArb(), { nil: null }),
      updated_at: isoTimestampArb,
      is_deleted: fc.boolean(),
    }),
  }).map(consistentOperation);

/** A soft delete travels as DELETE; anything else as INSERT or UPDATE. */
function consistentOperation(change: EntityChange): EntityChange {
  return { ...change, operation: change.data.is_deleted ? 'DELETE' : change.operation };
}

export const lineArb = fc.record({
  uuid: uuidArb,
  description: textArb(),
  quantity: fc.integer({ min: -1000, max: 1_000_000 }),
  done: fc.boolean(),
});

export const dailyReportArb = (brigadeUuid: string | fc.Arbitrary<string>, uuid: fc.Arbitrary<string> = uuidArb): fc.Arbitrary<EntityChange> =>
  fc.record({
    type: fc.constant('DailyReport'),
    uuid,
    operation: fc.constantFrom('INSERT' as const, 'UPDATE' as const),
    data: fc.record({
      date: isoDateArb,
      brigade_id: typeof brigadeUuid === 'string' ? fc.constant(brigadeUuid) : brigadeUuid,
      notes: fc.option(textArb(30), { nil: null }),
      lines: fc.uniqueArray(lineArb, { maxLength: 3, selector: (l) => l.uuid }),
      updated_at: isoTimestampArb,
      is_deleted: fc.boolean(),
    }),
  }).map(consistentOperation);

/** A brigade followed by reports that point at it: a referentially intact batch. */
export const intactBatchArb: fc.Arbitrary<EntityChange[]> = brigadeArb()
  .chain((brigade) => fc.array(dailyReportArb(brigade.uuid), { maxLength: 3 }).map((reports) => [brigade, ...reports]))
  .filter(oneTypePerUuid);

/** Several intact batches (a uuid may repeat as an update of the same entity). */
export const batchesArb = fc
  .array(intactBatchArb, { minLength: 1, maxLength: 3 })
  .map((batches) => batches.flat())
  .filter(oneTypePerUuid);

/** A uuid names one entity: never a brigade and a report at once, never two lines or a line and an entity. */
export function oneTypePerUuid(changes: readonly EntityChange[]): boolean {
  const typeOf = new Map<string, string>();
  for (const change of changes) {
    const lines = (change.data.lines as { uuid: string }[] | undefined) ?? [];
    for (const [uuid, type] of [[change.uuid, change.type], ...lines.map((l) => [l.uuid, `line:${change.uuid}`])] as [string, string][]) {
      if ((typeOf.get(uuid) ?? type) !== type) return false;
      typeOf.set(uuid, type);
    }
  }
  return true;
}

export const envelopeArb: fc.Arbitrary<Envelope> = fc.record({
  header: fc.record({
    sender_node_id: uuidArb,
    recipient_node_id: uuidArb,
    packet_no: fc.nat({ max: 1_000_000 }),
    ack_packet_no: fc.nat({ max: 1_000_000 }),
    schema_version: fc.tuple(fc.nat(9), fc.nat(20), fc.nat(20)).map((v) => v.join('.')),
    timestamp: isoTimestampArb,
  }),
  body: fc.record({ entities: intactBatchArb }),
});
