import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, type VerifyResult } from '../channels/webhook-signature.js';

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  verified: VerifyResult;
}

/** A real `node:http` receiver that verifies each signature the way a production receiver would. */
export class WebhookReceiver {
  readonly received: ReceivedHook[] = [];
  /** Answer this status instead of 204 (e.g. 503 to simulate an outage). */
  status = 204;
  private server: Server | undefined;

  constructor(
    private readonly secret: string,
    /** The receiver's clock for the replay window; tests that move the dispatcher's clock pass the same one. */
    private readonly nowMs: () => number = Date.now,
  ) {}

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const verified = verifyWebhook(
          this.secret,
          req.headers['x-signature'] as string | undefined,
          req.headers['x-alert-timestamp'] as string | undefined,
          body,
          this.nowMs(),
        );
        if (this.status < 300) this.received.push({ headers: req.headers, body, verified });
        res.writeHead(verified.ok ? this.status : 401).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/alerts`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  }
}
