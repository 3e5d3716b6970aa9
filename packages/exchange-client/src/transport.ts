import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { decodeEnvelope, encodeEnvelope, type Envelope, type SchemaVersionPolicy } from '@platform/exchange-protocol';
import { SyncRefusedError, TransientSyncError } from './errors.js';

/** What the node needs from the hub; {@link HttpsTransport} is the real one, tests may inject. */
export interface Transport {
  exchange(envelope: Envelope): Promise<Envelope>;
  hello(): Promise<HelloReply>;
}

export interface HelloReply {
  hub_node_id: string;
  node_id: string;
  node_code: string;
  schema_version: SchemaVersionPolicy;
  /** Changes the hub holds for this node (for a progress bar). */
  pending_for_node: number;
}

export interface HttpsTransportOptions {
  /** e.g. `https://hub.example.org:9443` */
  url: string;
  token: string;
  /** PEM of a private CA or the hub's self-signed certificate. */
  ca?: string;
  /** Local development against EXCHANGE_ALLOW_PLAIN_HTTP only. */
  allowInsecureHttp?: boolean;
  timeoutMs?: number;
}

/**
 * HTTPS to the hub with the node's bearer token; plain `http://` is refused
 * unless explicitly allowed (Property 27). 5xx, 429, timeouts and network
 * errors are {@link TransientSyncError}; other refusals {@link SyncRefusedError}.
 *
 * @example
 * const transport = new HttpsTransport({ url: 'https://hub:9443', token, ca: await readFile('hub.pem', 'utf8') });
 */
export class HttpsTransport implements Transport {
  readonly #url: URL;
  constructor(private readonly options: HttpsTransportOptions) {
    this.#url = new URL(options.url);
    if (this.#url.protocol === 'http:' && !options.allowInsecureHttp) {
      throw new SyncRefusedError('https_required', `refusing plain HTTP to ${options.url}: the hub must be reached over https://`, 0);
    }
    if (this.#url.protocol !== 'https:' && this.#url.protocol !== 'http:') throw new SyncRefusedError('bad_url', `unsupported hub URL ${options.url}`, 0);
  }

  async exchange(envelope: Envelope): Promise<Envelope> {
    const body = await this.#send('POST', '/exchange/v1/sync', encodeEnvelope(envelope));
    return decodeEnvelope(body);
  }

  async hello(): Promise<HelloReply> {
    return JSON.parse((await this.#send('GET', '/exchange/v1/hello')).toString('utf8')) as HelloReply;
  }

  #send(method: 'GET' | 'POST', path: string, body?: Buffer): Promise<Buffer> {
    const request = this.#url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, this.#url),
        {
          method,
          ca: this.options.ca,
          timeout: this.options.timeoutMs ?? 30_000,
          headers: {
            authorization: `Bearer ${this.options.token}`,
            ...(body ? { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => reject(new TransientSyncError(`reply interrupted: ${e.message}`)));
          res.on('end', () => {
            const data = Buffer.concat(chunks);
            const status = res.statusCode ?? 0;
            if (status === 200) return resolve(data);
            let problem: { error?: string; message?: string; details?: Record<string, unknown> } = {};
            try {
              problem = JSON.parse(data.toString('utf8'));
            } catch {
              /* not our JSON: a proxy's page */
            }
            const message = problem.message ?? `hub answered ${status}`;
            if (status >= 500 || status === 429 || problem.error === 'corrupt_packet') return reject(new TransientSyncError(message, status));
            reject(new SyncRefusedError(problem.error ?? `http_${status}`, message, status, problem.details));
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no reply within ${this.options.timeoutMs ?? 30_000} ms`)));
      req.on('error', (e) => reject(e instanceof TransientSyncError ? e : new TransientSyncError(`hub unreachable: ${e.message}`)));
      req.end(body);
    });
  }
}
