import type { Kysely } from 'kysely';
import type { Database, SyncNode } from '@platform/db';
import { findNodeByToken } from '../core/nodes.js';

/**
 * Counts failed authentications per client address in a sliding window, in
 * memory: the hub runs as one replica (packet numbering is per node and the
 * node row lock serialises a node's requests), so there is no count to share.
 */
export class AuthFailureLimiter {
  readonly #failures = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `address` may try again, or 0. */
  blockedFor(address: string): number {
    const recent = this.#recent(address);
    if (recent.length < this.limit) return 0;
    return recent[0]! + this.windowMs - this.now();
  }

  fail(address: string): void {
    this.#failures.set(address, [...this.#recent(address), this.now()]);
  }

  #recent(address: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const recent = (this.#failures.get(address) ?? []).filter((t) => t > cutoff);
    if (recent.length === 0) this.#failures.delete(address);
    else this.#failures.set(address, recent);
    return recent;
  }
}

export type AuthOutcome = { ok: true; node: SyncNode } | { ok: false; reason: 'missing_token' | 'invalid_token' | 'node_disabled'; node?: SyncNode };

/** Checks the bearer token of one request (every request: Property 29). */
export async function authenticate(db: Kysely<Database>, authorization: string | undefined): Promise<AuthOutcome> {
  const match = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(authorization ?? '');
  if (!match) return { ok: false, reason: authorization ? 'invalid_token' : 'missing_token' };
  const node = await findNodeByToken(db, match[1]!);
  if (!node) return { ok: false, reason: 'invalid_token' };
  if (!node.enabled) return { ok: false, reason: 'node_disabled', node };
  return { ok: true, node };
}

/** Appends a security event (Property 28); `claimed` is what the caller said it was. */
export async function recordSecurityEvent(
  db: Kysely<Database>,
  event: { type: string; nodeId?: string | null; claimed?: string | null; remoteAddr: string; details?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('exchange.security_events')
    .values({
      event_type: event.type,
      node_id: event.nodeId ?? null,
      claimed_node: event.claimed?.slice(0, 200) ?? null,
      remote_addr: event.remoteAddr.slice(0, 100),
      details: event.details ?? null,
    })
    .execute();
}
