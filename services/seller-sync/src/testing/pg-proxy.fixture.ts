import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that can cut every open connection the moment a
 * client sends a statement containing `marker` (the Parse message carries the SQL text),
 * so the query is in flight when the socket dies: what a failover or a dropped NAT entry
 * does to a running sync. New connections go through again right away.
 */
export interface PgProxy {
  /** Postgres URL that goes through the proxy. */
  url: string;
  /** Cut all connections when the `occurrence`-th (1-based) statement containing `marker` is sent. */
  cutOn(marker: string, occurrence?: number): void;
  /** Cuts performed since start. */
  readonly cuts: number;
  close(): Promise<void>;
}

export async function startPgProxy(targetUrl: string): Promise<PgProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let armed: { marker: Buffer; left: number } | null = null;
  let cuts = 0;
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('data', (chunk: Buffer) => {
      if (armed && chunk.includes(armed.marker) && --armed.left === 0) {
        armed = null;
        cuts++;
        for (const s of sockets) s.destroy();
        sockets.clear();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('close', drop).on('error', drop);
    upstream.on('close', drop).on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    cutOn(marker, occurrence = 1) {
      armed = { marker: Buffer.from(marker), left: occurrence };
    },
    get cuts() {
      return cuts;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
