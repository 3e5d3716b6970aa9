import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, test } from '@platform/testkit';
import { issueToken } from './auth/tokens.js';
import { createAccount, startApp, TEST_PASSWORD } from './app.fixture.js';

const SAMPLE: Record<string, string> = {
  deviceId: '1',
  id: '1',
  deviceUserId: '1',
  filename: 'backup.json',
  queue: 'alerts',
  jobId: 'x',
};
const PUBLIC = new Set(['/api/auth/token', '/api/auth/logout']);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('authentication and roles', () => {
  test('every route but health, metrics and token needs a valid token; viewers cannot mutate', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      const doc = (await app.inject({ url: '/docs/json', headers: viewer.auth })).json();
      const routes: { method: string; url: string }[] = [
        { method: 'GET', url: '/docs/json' },
        { method: 'GET', url: '/admin/queues' },
        { method: 'GET', url: '/admin/queues/api/queues' },
        { method: 'PUT', url: '/admin/queues/api/queues/alerts/retry/failed' },
        { method: 'GET', url: '/no/such/route' },
      ];
      for (const [path, ops] of Object.entries(doc.paths as Record<string, object>)) {
        if (PUBLIC.has(path)) continue;
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name] ?? '1');
        for (const method of Object.keys(ops)) routes.push({ method: method.toUpperCase(), url });
      }
      expect(routes.length).toBeGreaterThan(15);

      const now = Math.floor(Date.now() / 1000);
      const claims = { username: viewer.username, role: 'admin' };
      const expired = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(viewer.adminId)
        .setIssuer(tokens.issuer)
        .setAudience(tokens.audience)
        .setIssuedAt(now - 600)
        .setExpirationTime(now - 300)
        .sign(tokens.secret);
      const otherKey = (await issueToken({ ...tokens, secret: randomBytes(32) }, { ...viewer, role: 'admin' })).token;
      const wrongAudience = (await issueToken({ ...tokens, audience: 'someone-else' }, viewer)).token;
      const algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
        sub: viewer.adminId,
        ...claims,
        iss: tokens.issuer,
        aud: tokens.audience,
        iat: now,
        exp: now + 300,
      })}.`;
      const bad: Record<string, Record<string, string>> = {
        none: {},
        expired: { authorization: `Bearer ${expired}` },
        otherKey: { authorization: `Bearer ${otherKey}` },
        wrongAudience: { authorization: `Bearer ${wrongAudience}` },
        algNone: { authorization: `Bearer ${algNone}` },
        algNoneCookie: { cookie: `admin_token=${algNone}` },
        garbage: { authorization: 'Bearer not-a-jwt' },
        basic: { authorization: 'Basic YWRtaW46YWRtaW4=' },
      };
      for (const route of routes) {
        for (const [name, headers] of Object.entries(bad)) {
          const res = await app.inject({ ...route, headers } as never);
          expect({ ...route, name, status: res.statusCode }).toEqual({ ...route, name, status: 401 });
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.headers['www-authenticate']).toBe('Bearer');
        }
        if (!['GET', 'HEAD'].includes(route.method) && route.url !== '/no/such/route') {
          const res = await app.inject({ ...route, headers: viewer.auth, payload: {} } as never);
          expect({ ...route, status: res.statusCode }).toEqual({ ...route, status: 403 });
        }
      }
      for (const url of ['/healthz/live', '/healthz/ready', '/metrics']) {
        expect((await app.inject({ url })).statusCode).toBe(200);
      }
    } finally {
      await close();
    }
  });

  test('a disabled account is locked out at once, token or not', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      expect((await app.inject({ url: '/api/devices', headers: admin.auth })).statusCode).toBe(200);
      await db.updateTable('platform.admin_users').set({ disabled: true }).where('id', '=', admin.adminId).execute();
      expect((await app.inject({ url: '/api/devices', headers: admin.auth })).statusCode).toBe(401);
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/token',
        payload: { username: admin.username, password: TEST_PASSWORD },
      });
      expect(login.statusCode).toBe(401);
    } finally {
      await close();
    }
  });

  test('login issues a working token, audits it, and is rate-limited across replicas through Redis', async ({ db, prefix }) => {
    const first = await startApp({ db, prefix }, { loginRateMax: 4 });
    const second = await startApp({ db, prefix }, { loginRateMax: 4 });
    try {
      const admin = await createAccount(db, first.tokens, 'admin');
      const login = (app: typeof first.app, password: string) =>
        app.inject({ method: 'POST', url: '/api/auth/token', payload: { username: admin.username.toUpperCase(), password } });

      const ok = await login(first.app, TEST_PASSWORD);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ tokenType: 'Bearer', role: 'admin' });
      const me = await first.app.inject({ url: '/api/devices', headers: { authorization: `Bearer ${ok.json().token}` } });
      expect(me.statusCode).toBe(200);
      const audit = await db.selectFrom('platform.admin_audit_log').selectAll().where('action', '=', 'auth.login').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: admin.username, outcome: 'succeeded' });

      expect((await login(first.app, 'wrong password 1')).statusCode).toBe(401);
      expect((await login(second.app, 'wrong password 2')).statusCode).toBe(401);
      expect((await login(second.app, 'wrong password 3')).statusCode).toBe(401);
      // The fifth attempt from this client, whichever replica gets it.
      const limited = await login(first.app, TEST_PASSWORD);
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await login(second.app, TEST_PASSWORD)).statusCode).toBe(429);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
