import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that can cut every open connection the moment a
 * client sends a statement containing `marker` (the Parse message carries the SQL text),
 * so the query is in flight when the socket dies: what a failover or a dropped NAT entry
 * does to a running sync. New connections go through again right away.
 *
 * It can also lose a COMMIT's reply: the COMMIT reaches the server, the server commits and
 * answers, and the proxy cuts the connection instead of passing the answer on. The client sees
 * a broken connection for a transaction that in fact committed.
 */
export interface PgProxy {
  /** Postgres URL that goes through the proxy. */
  url: string;
  /** Cut all connections when the `occurrence`-th (1-based) statement containing `marker` is sent. */
  cutOn(marker: string, occurrence?: number): void;
  /**
   * After the `occurrence`-th statement containing `marker`, let that connection's next COMMIT
   * through, wait for the server's reply (the commit is done) and cut every connection instead
   * of delivering it. Counts as a cut.
   */
  loseCommitReplyAfter(marker: string, occurrence?: number): void;
  /** Forget any armed cut. */
  disarm(): void;
  /** Cuts performed since start. */
  readonly cuts: number;
  close(): Promise<void>;
}

// kysely ends a transaction with the simple-protocol query `commit`: 'Q', int32 length, text, NUL.
const COMMIT_MESSAGE = Buffer.concat([Buffer.from('Q'), Buffer.from([0, 0, 0, 11]), Buffer.from('commit\0')]);

export async function startPgProxy(targetUrl: string): Promise<PgProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let armed: { marker: Buffer; left: number; mode: 'cut' | 'lose-commit-reply' } | null = null;
  let cuts = 0;
  const cutAll = () => {
    cuts++;
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    // lose-commit-reply on this connection: 'marked' once the marker went by, 'committing' once its COMMIT did.
    let commitState: 'marked' | 'committing' | null = null;
    client.on('data', (chunk: Buffer) => {
      if (armed && chunk.includes(armed.marker) && --armed.left === 0) {
        const mode = armed.mode;
        armed = null;
        if (mode === 'cut') return cutAll();
        commitState = 'marked';
      } else if (commitState === 'marked' && chunk.includes(COMMIT_MESSAGE)) commitState = 'committing';
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      // The server only answers a COMMIT once it is durable: this reply is the one we lose.
      if (commitState === 'committing') return cutAll();
      client.write(chunk);
    });
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
      armed = { marker: Buffer.from(marker), left: occurrence, mode: 'cut' };
    },
    loseCommitReplyAfter(marker, occurrence = 1) {
      armed = { marker: Buffer.from(marker), left: occurrence, mode: 'lose-commit-reply' };
    },
    disarm() {
      armed = null;
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
