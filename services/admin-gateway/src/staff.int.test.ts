import { describe, expect, test } from '@platform/testkit';
import { createAccount, startApp } from './app.fixture.js';

describe('staff routes', () => {
  test('create, edit, search and deactivate a staff member; each audited; a taken employee code is a 409', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const created = await app.inject({ method: 'POST', url: '/api/staff', headers: admin.auth, payload: { fullName: 'Dilnoza Karimova', employeeCode: 'E-100', cardNumber: '4711' } });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      expect(created.json()).toMatchObject({ fullName: 'Dilnoza Karimova', employeeCode: 'E-100', cardNumber: '4711', active: true });

      const dup = await app.inject({ method: 'POST', url: '/api/staff', headers: admin.auth, payload: { fullName: 'Other', employeeCode: 'E-100' } });
      expect(dup.statusCode).toBe(409);
      const badCard = await app.inject({ method: 'POST', url: '/api/staff', headers: admin.auth, payload: { fullName: 'X', cardNumber: '0042' } });
      expect(badCard.statusCode).toBe(400);
      expect(badCard.json().errors).toEqual([expect.objectContaining({ path: 'body.cardNumber' })]);

      const edit = await app.inject({ method: 'PATCH', url: `/api/staff/${id}`, headers: admin.auth, payload: { cardNumber: null } });
      expect(edit.json()).toMatchObject({ cardNumber: null, fullName: 'Dilnoza Karimova' });
      const found = await app.inject({ url: '/api/staff?q=karim', headers: admin.auth });
      expect(found.json().items.map((s: { id: number }) => s.id)).toEqual([id]);

      expect((await app.inject({ method: 'POST', url: `/api/staff/${id}/deactivate`, headers: admin.auth })).json()).toMatchObject({ active: false });
      expect((await app.inject({ method: 'POST', url: `/api/staff/${id}/deactivate`, headers: admin.auth })).statusCode).toBe(409);
      expect((await app.inject({ url: '/api/staff?active=true&q=karim', headers: admin.auth })).json().items).toEqual([]);

      const audit = await db.selectFrom('platform.admin_audit_log').select(['action', 'target_id']).where('actor', '=', admin.username).orderBy('id').execute();
      expect(audit).toEqual([
        { action: 'staff.create', target_id: String(id) },
        { action: 'staff.update', target_id: String(id) },
        { action: 'staff.deactivate', target_id: String(id) },
      ]);
    } finally {
      await close();
    }
  });

  test('staff pages by keyset: every row once, in id order', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      await db.insertInto('attendance.staff').values(Array.from({ length: 23 }, (_, i) => ({ full_name: `Pager ${i}` }))).execute();
      const seen: string[] = [];
      let after: number | null = null;
      do {
        const url: string = `/api/staff?q=Pager&limit=5${after ? `&after=${after}` : ''}`;
        const body = (await app.inject({ url, headers: viewer.auth })).json();
        seen.push(...body.items.map((s: { fullName: string }) => s.fullName));
        after = body.nextCursor;
      } while (after !== null);
      expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `Pager ${i}`));
      expect((await app.inject({ method: 'POST', url: '/api/staff', headers: viewer.auth, payload: { fullName: 'No' } })).statusCode).toBe(403);
    } finally {
      await close();
    }
  });

  test('CSV import: the dry run reports row by row and writes nothing; the real run applies every valid row in one transaction', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      await db.insertInto('attendance.staff').values([{ full_name: 'Old Name', employee_code: 'IMP-1', card_number: '11' }, { full_name: 'Same', employee_code: 'IMP-2', card_number: null }]).execute();
      const csv = [
        'employee_code,full_name,card_number',
        'IMP-1,New Name,11', // update (name)
        'IMP-2,Same,', // unchanged
        'IMP-3,"Newcomer, Jr.",300', // create (quoted comma)
        'IMP-4,,5', // refuse: no name
        'IMP-3,Twice,7', // refuse: duplicate
        'IMP-5,Bad Card,007', // refuse: leading zeros
      ].join('\n');
      const dry = await app.inject({ method: 'POST', url: '/api/staff/import', headers: admin.auth, payload: { csv } });
      expect(dry.statusCode).toBe(200);
      const report = dry.json();
      expect(report.summary).toEqual({ create: 1, update: 1, unchanged: 1, refuse: 3 });
      expect(report.rows.map((r: { line: number; action: string }) => `${r.line}:${r.action}`)).toEqual(['2:update', '3:unchanged', '4:create', '5:refuse', '6:refuse', '7:refuse']);
      expect(report.rows[0]).toMatchObject({ changed: ['full_name'] });
      expect(report.rows[3].errors).toEqual([{ field: 'full_name', message: expect.any(String) }]);
      expect(report.rows[4].errors[0].message).toContain('duplicate of line 4');
      expect(report.rows[5].errors).toEqual([{ field: 'card_number', message: expect.stringContaining('leading zeros') }]);
      const before = await db.selectFrom('attendance.staff').select(['employee_code', 'full_name']).where('employee_code', 'like', 'IMP-%').orderBy('employee_code').execute();
      expect(before).toEqual([{ employee_code: 'IMP-1', full_name: 'Old Name' }, { employee_code: 'IMP-2', full_name: 'Same' }]);

      const real = await app.inject({ method: 'POST', url: '/api/staff/import', headers: admin.auth, payload: { csv, dryRun: false } });
      expect(real.json().summary).toEqual(report.summary);
      const after = await db.selectFrom('attendance.staff').select(['id', 'employee_code', 'full_name', 'card_number']).where('employee_code', 'like', 'IMP-%').orderBy('employee_code').execute();
      expect(after.map(({ id: _id, ...r }) => r)).toEqual([
        { employee_code: 'IMP-1', full_name: 'New Name', card_number: '11' },
        { employee_code: 'IMP-2', full_name: 'Same', card_number: null },
        { employee_code: 'IMP-3', full_name: 'Newcomer, Jr.', card_number: '300' },
      ]);
      expect(real.json().rows[2]).toMatchObject({ action: 'create', staffId: after[2]!.id });
      const audit = await db.selectFrom('platform.admin_audit_log').select(['action', 'details']).where('actor', '=', admin.username).execute();
      expect(audit).toEqual([{ action: 'staff.import', details: expect.objectContaining({ created: [after[2]!.id], updated: [after[0]!.id], refusedLines: [5, 6, 7] }) }]);

      // Importing the same file again changes nothing.
      const again = await app.inject({ method: 'POST', url: '/api/staff/import', headers: admin.auth, payload: { csv, dryRun: false } });
      expect(again.json().summary).toEqual({ create: 0, update: 0, unchanged: 3, refuse: 3 });
    } finally {
      await close();
    }
  });

  test('a CSV whose header is wrong is refused as a whole (422) with every problem named', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const res = await app.inject({ method: 'POST', url: '/api/staff/import', headers: admin.auth, payload: { csv: 'name,card\nA,1\n', dryRun: false } });
      expect(res.statusCode).toBe(422);
      expect(res.json().detail).toContain('missing column employee_code');
      expect(res.json().detail).toContain('unknown column card');
      expect(await db.selectFrom('attendance.staff').select('id').where('full_name', '=', 'A').execute()).toEqual([]);
    } finally {
      await close();
    }
  });
});
