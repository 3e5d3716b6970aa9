import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { createServer, connect, type AddressInfo } from 'node:net';
import fc from 'fast-check';
import { describe, expect, test } from '@platform/testkit';
import { decodeEnvelope, encodeEnvelope } from '@platform/exchange-protocol';
import { intactBatchArb } from '@platform/exchange-protocol/testing';
import { loadConfig } from '@platform/runtime';
import { selfSignedCertificate } from '@platform/exchange-server';
import { buildTestApp, envelopeFor } from '@platform/exchange-server/testing';
import { configSchema } from './config.js';

function post(port: number, ca: string, token: string, body: Buffer): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: '127.0.0.1', port, path: '/exchange/v1/sync', method: 'POST', ca, headers: { authorization: `Bearer ${token}`, 'content-encoding': 'gzip', 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject).end(body);
  });
}

/** A TCP relay that keeps every byte the client sent: what an eavesdropper on the wire sees. */
async function tap(targetPort: number) {
  const seen: Buffer[] = [];
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    client.on('data', (d: Buffer) => seen.push(Buffer.from(d)));
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, seen: () => Buffer.concat(seen), close: () => new Promise((r) => server.close(r)) };
}

const env = (over: Record<string, string | undefined>) => ({ HTTP_PORT: '1', ...over });

describe('transport security', () => {
  test('Feature: sync-system, Property 27: HTTPS-only transmission', async ({ db }) => {
    const tls = await selfSignedCertificate();
    const { app } = await buildTestApp(db, { tls });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    try {
      const flag = fc.option(fc.constantFrom('true', 'false'), { nil: undefined });
      await fc.assert(
        fc.asyncProperty(fc.boolean(), flag, flag, fc.constantFrom('development', 'production', 'test'), fc.string({ maxLength: 20 }), async (files, selfSigned, plain, nodeEnv, path) => {
          const over = { NODE_ENV: nodeEnv, EXCHANGE_TLS_SELF_SIGNED: selfSigned, EXCHANGE_ALLOW_PLAIN_HTTP: plain, ...(files ? { EXCHANGE_TLS_CERT_FILE: '/c.pem', EXCHANGE_TLS_KEY_FILE: '/k.pem' } : {}) };
          const devOnly = selfSigned === 'true' || plain === 'true';
          const accepted = (files || devOnly) && !(nodeEnv === 'production' && devOnly);
          if (accepted) expect(() => loadConfig(configSchema, env(over))).not.toThrow();
          else expect(() => loadConfig(configSchema, env(over))).toThrow(/EXCHANGE_(TLS_CERT_FILE|ALLOW_PLAIN_HTTP)/);
          // a plain-HTTP request to the TLS port never gets an HTTP answer
          const plainResult = await new Promise<string>((resolve) => {
            const req = httpRequest({ host: '127.0.0.1', port, path: `/exchange/v1/${encodeURIComponent(path)}`, method: 'POST' }, (res) => resolve(`http ${res.statusCode}`));
            req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error')).end('x');
          });
          expect(plainResult).not.toMatch(/^http/);
        }),
        { numRuns: 100 },
      );
    } finally {
      await app.close();
    }
  });

  test('Feature: sync-system, Property 30: Data encryption during transmission', async ({ db }) => {
    const tls = await selfSignedCertificate();
    const { app, hub, newNode } = await buildTestApp(db, { tls });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const relay = await tap((app.server.address() as AddressInfo).port);
    const node = await newNode();
    let packetNo = 0;
    try {
      await fc.assert(
        fc.asyncProperty(intactBatchArb, async (batch) => {
          const body = encodeEnvelope(envelopeFor(hub, node.id, ++packetNo, batch));
          const before = relay.seen().length;
          const response = await post(relay.port, tls.cert, node.token, body);
          expect(response.status).toBe(200);
          expect(decodeEnvelope(response.body).header.ack_packet_no).toBe(packetNo);
          const wire = relay.seen().subarray(before);
          // neither the packet, nor the token, nor the node id travel in the clear
          expect(wire.length).toBeGreaterThan(body.length);
          expect(wire.includes(body.subarray(10, 40))).toBe(false);
          expect(wire.includes(Buffer.from(node.token))).toBe(false);
          expect(wire.includes(Buffer.from(node.id))).toBe(false);
        }),
        { numRuns: 100 },
      );
    } finally {
      await relay.close();
      await app.close();
    }
  });
});
