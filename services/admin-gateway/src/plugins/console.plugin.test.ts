import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerConsole } from './console.plugin.js';

let dist: string;
beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'console-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), '<meta name="csp-nonce" content="__CSP_NONCE__"><script type="module" src="/assets/app.js"></script>');
  await writeFile(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
});
afterAll(() => rm(dist, { recursive: true, force: true }));

describe('console plugin', () => {
  test('index.html carries a fresh nonce per response, matching its strict CSP; assets are served immutable; client routes get the page', async () => {
    const app = Fastify();
    await registerConsole(app, dist);
    const a = await app.inject({ url: '/' });
    const b = await app.inject({ url: '/devices' });
    const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];
    const csp = String(a.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(a.body).toContain(`content="${nonceOf(csp)}"`);
    expect(nonceOf(String(b.headers['content-security-policy']))).not.toBe(nonceOf(csp));
    const asset = await app.inject({ url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    await app.close();
  });

  test('without a build, / says how to make one', async () => {
    const app = Fastify();
    await registerConsole(app, path.join(dist, 'missing'));
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('build:console');
    await app.close();
  });
});
