import type { Kysely } from 'kysely';
import type { Database } from '@platform/db';

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

// The token check is shared with admin-gateway, which issues the tokens (@platform/db).
export { authenticateExchangeNode as authenticate, type NodeAuthOutcome as AuthOutcome } from '@platform/db';

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
