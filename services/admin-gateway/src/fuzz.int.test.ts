import fc from 'fast-check';
import { sql } from 'kysely';
import { SCHEMA_TABLES, type Database, type Kysely } from '@platform/db';
import { queueNames, type Producer } from '@platform/queues';
import { describe, expect, test } from '@platform/testkit';
import { createAccount, insertDevice, startApp } from './app.fixture.js';
import { insertBufferUser, insertConflict, insertMapping, insertStaff } from './seed.fixture.js';

// Schema-driven fuzz: every operation in the app's own OpenAPI document gets
// path, query and body values that are sometimes plausible (ids that exist,
// enum members, pattern matches) and often garbage. A new route is fuzzed
// without touching this file.

type Schema = {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  properties?: Record<string, Schema>;
  oneOf?: Schema[];
  anyOf?: Schema[];
  const?: unknown;
};
type Operation = {
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};

const garbage = fc.oneof(fc.string({ maxLength: 30 }), fc.jsonValue({ maxDepth: 2 }), fc.constant(null), fc.integer(), fc.double());

function arbitraryFor(schema: Schema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return garbage;
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return fc.oneof(...variants.map(arbitraryFor), garbage);
  if (schema.const !== undefined) return fc.oneof(fc.constant(schema.const), garbage);
  if (schema.enum) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: garbage });
  switch (schema.type) {
    case 'integer':
    case 'number':
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) },
        { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 31), fc.constant(Number.MAX_SAFE_INTEGER)) },
        { weight: 1, arbitrary: garbage },
      );
    case 'boolean':
      return fc.oneof(fc.boolean(), garbage);
    case 'string':
      return fc.oneof(
        { weight: 3, arbitrary: schema.pattern ? fc.stringMatching(new RegExp(schema.pattern)) : fc.constantFrom('1', 'backup.json', 'reason') },
        { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
        { weight: 1, arbitrary: fc.constantFrom('2026-11-22T00:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59+14:00') },
      );
    case 'object': {
      const entries = Object.entries(schema.properties ?? {});
      const plausible = fc.record(Object.fromEntries(entries.map(([k, s]) => [k, arbitraryFor(s)])), { requiredKeys: [] });
      return fc.oneof({ weight: 4, arbitrary: plausible }, { weight: 1, arbitrary: garbage });
    }
    default:
      return garbage;
  }
}

const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');

function requestFor(method: string, path: string, op: Operation) {
  const params = op.parameters ?? [];
  const pathArb = fc.record(Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, arbitraryFor(p.schema)])));
  const queryArb = fc.record(Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, arbitraryFor(p.schema)])), {
    requiredKeys: [],
  });
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  const bodyArb = bodySchema
    ? fc.oneof({ weight: 5, arbitrary: arbitraryFor(bodySchema) }, { weight: 1, arbitrary: fc.constant('{"not json') })
    : fc.constant(undefined);
  return fc.record({ pathValues: pathArb, query: queryArb, body: bodyArb }).map(({ pathValues, query, body }) => ({
    method: method.toUpperCase(),
    url: path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(asText(pathValues[name]))),
    query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, asText(v)])),
    body,
  }));
}

/** Everything a request could change: the tables and the job counts. */
async function snapshot(db: Kysely<Database>, producer: Producer): Promise<string> {
  // Every table of every schema: a route added later is covered without editing this list.
  const tables = Object.entries(SCHEMA_TABLES).flatMap(([schema, names]) => names.map((name) => `${schema}.${name}`));
  const rows = await Promise.all(
    tables.map((t) => sql<{ h: string }>`SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS h FROM ${sql.table(t)} x`.execute(db)),
  );
  const counts = await Promise.all(queueNames.map((q) => producer.queue(q).getJobCounts()));
  return JSON.stringify([rows.map((r) => r.rows[0]?.h), counts]);
}

describe('fuzzing every route', () => {
  test('random path, query and body values never get a 5xx, and a 4xx never changes state', async ({ db, prefix }) => {
    const { app, producer, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const [d1] = [await insertDevice(db), await insertDevice(db)];
      for (let i = 1; i <= 4; i++) {
        const staff = await insertStaff(db, `Staff ${i}`, String(1000 + i));
        await insertBufferUser(db, { device_id: d1!, device_user_id: String(i), name: `user ${i}` });
        if (i <= 2) await insertMapping(db, d1!, String(i), staff);
        await insertConflict(db, { deviceId: d1!, deviceUserId: String(i), deviceData: { name: `device ${i}`, cardNumber: '42' } });
      }
      await db
        .insertInto('attendance.device_user_audit_log')
        .values({ device_id: d1!, operation_type: 'backup_created', performed_by: 'backup-worker', details: { file: 'backup.json', userCount: 4 } })
        .execute();

      const doc = (await app.inject({ url: '/docs/json', headers: admin.auth })).json();
      const requests = Object.entries(doc.paths as Record<string, Record<string, Operation>>)
        .filter(([path]) => path !== '/api/auth/token') // rate-limited and public; covered by the auth tests
        .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => requestFor(method, path, op)));
      expect(requests.length).toBeGreaterThanOrEqual(14);

      const statuses = new Map<number, number>();
      let state = await snapshot(db, producer);
      await fc.assert(
        fc.asyncProperty(fc.oneof(...requests), async (req) => {
          const res = await app.inject({
            method: req.method as 'GET',
            url: req.url,
            query: req.query,
            headers: { ...admin.auth, ...(req.body === undefined ? {} : { 'content-type': 'application/json' }) },
            ...(req.body === undefined ? {} : { payload: typeof req.body === 'string' ? req.body : JSON.stringify(req.body) }),
          });
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          expect(res.statusCode, `${req.method} ${req.url} ${JSON.stringify(req.query)} -> ${res.body}`).toBeLessThan(500);
          const now = await snapshot(db, producer);
          if (res.statusCode >= 400) {
            expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
            expect(now, `${req.method} ${req.url} changed state with ${res.statusCode}`).toBe(state);
          }
          state = now;
        }),
        { numRuns: 1200 },
      );
      // The fuzz must reach handlers, not only bounce off validation.
      expect([...statuses.keys()].filter((s) => s < 300).length).toBeGreaterThan(0);
      expect(statuses.get(400)).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });
});
