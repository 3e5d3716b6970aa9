import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeEnvelope, encodeEnvelope } from './codec.js';
import { exampleRegistry } from './example-entities.js';
import { envelopeArb, intactBatchArb, uuidArb } from './testing/arbitraries.js';

const registry = exampleRegistry();

describe('entity registry', () => {
  test('Feature: sync-system, Property 16: Serialization round-trip consistency', () => {
    fc.assert(
      fc.property(envelopeArb, (envelope) => {
        const parsed = envelope.body.entities.map((e) => ({ ...e, data: registry.parse(e.type, e.uuid, e.data) }));
        const back = decodeEnvelope(encodeEnvelope({ ...envelope, body: { entities: parsed } }));
        const reparsed = back.body.entities.map((e) => ({ ...e, data: registry.parse(e.type, e.uuid, e.data) }));
        expect(reparsed).toEqual(parsed);
        expect(parsed.map((e) => e.data)).toEqual(envelope.body.entities.map((e) => e.data));
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 13: UUID identification', () => {
    const notUuid = fc.oneof(fc.string({ maxLength: 40 }), uuidArb.map((u) => u.slice(0, -1)), uuidArb.map((u) => u.replaceAll('-', '')));
    fc.assert(
      fc.property(intactBatchArb, notUuid, (batch, bad) => {
        for (const entity of batch) expect(entity.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        const report = batch.find((e) => e.type === 'DailyReport');
        const target = report ?? batch[0]!;
        const field = report ? 'brigade_id' : 'foreman';
        if (report) expect(() => registry.parse(target.type, target.uuid, { ...target.data, [field]: bad })).toThrow(/brigade_id/);
        const envelope = { header: fc.sample(envelopeArb, 1)[0]!.header, body: { entities: [{ ...target, uuid: bad }] } };
        expect(() => decodeEnvelope(encodeEnvelope(envelope))).toThrow(expect.objectContaining({ code: 'invalid_envelope' }));
      }),
      { numRuns: 100 },
    );
  });

  test('refuses unknown types, unknown fields, NUL text and duplicate child uuids by name', () => {
    const [brigade, report] = fc.sample(intactBatchArb.filter((b) => b.length > 1), 1)[0]!;
    expect(() => registry.parse('Invoice', brigade!.uuid, {})).toThrow(expect.objectContaining({ code: 'unknown_entity_type' }));
    expect(() => registry.parse('Brigade', brigade!.uuid, { ...brigade!.data, colour: 'red' })).toThrow(/colour/);
    expect(() => registry.parse('Brigade', brigade!.uuid, { ...brigade!.data, name: 'a\u0000b' })).toThrow(/NUL/);
    const line = { uuid: brigade!.uuid, description: 'x', quantity: 1, done: false };
    expect(() => registry.parse('DailyReport', report!.uuid, { ...report!.data, lines: [line, line] })).toThrow(/unique/);
    expect(registry.references('DailyReport', registry.parse('DailyReport', report!.uuid, report!.data))).toEqual([
      { field: 'brigade_id', type: 'Brigade', uuid: brigade!.uuid },
    ]);
  });
});
