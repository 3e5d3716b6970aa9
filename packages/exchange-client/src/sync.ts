import { setTimeout as sleep } from 'node:timers/promises';
import type { Rejection } from '@platform/exchange-protocol';
import { TransientSyncError } from './errors.js';
import type { ExchangeNode } from './exchange-node.js';
import type { Transport } from './transport.js';

export interface SyncProgress {
  phase: 'upload' | 'download';
  done: number;
  /** Upload: changes queued at the start. Download: what the hub said it holds for us. */
  total: number;
}

export interface SyncOptions {
  onProgress?: (progress: SyncProgress) => void;
  /** Retries of a transient failure per round; default unlimited (an upload queue must never give up). */
  maxAttempts?: number;
  /** Backoff doubles from `baseDelayMs` up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  onRetry?: (error: TransientSyncError, attempt: number, delayMs: number) => void;
  signal?: AbortSignal;
}

export interface SyncSummary {
  rounds: number;
  uploaded: number;
  downloaded: number;
  rejected: Rejection[];
  retries: number;
}

/**
 * Exchanges with the hub until neither side has anything left (Property 2).
 * A lost reply or timeout is retried with capped exponential backoff and the
 * same packet (Property 7); a rejected change is reported, never blocking
 * the ones behind it; refusals (bad token, outdated schema) are thrown.
 *
 * @example
 * const summary = await syncNode(node, new HttpsTransport({ url, token }), { onProgress: (p) => bar.update(p.done) });
 */
export async function syncNode(node: ExchangeNode, transport: Transport, options: SyncOptions = {}): Promise<SyncSummary> {
  const summary: SyncSummary = { rounds: 0, uploaded: 0, downloaded: 0, rejected: [], retries: 0 };
  const uploadTotal = await node.pendingCount();
  let downloadTotal = (await withRetry(() => transport.hello(), options, summary)).pending_for_node;
  options.onProgress?.({ phase: 'upload', done: 0, total: uploadTotal });
  options.onProgress?.({ phase: 'download', done: 0, total: downloadTotal });
  for (;;) {
    options.signal?.throwIfAborted();
    const envelope = await node.nextEnvelope();
    const reply = await withRetry(() => transport.exchange(envelope), options, summary);
    const outcome = await node.handleReply(reply);
    summary.rounds += 1;
    summary.uploaded += outcome.acknowledged;
    summary.downloaded += outcome.applied;
    summary.rejected.push(...outcome.rejected);
    if (outcome.acknowledged > 0) options.onProgress?.({ phase: 'upload', done: Math.min(summary.uploaded, uploadTotal), total: uploadTotal });
    if (outcome.applied > 0) {
      downloadTotal = Math.max(downloadTotal, summary.downloaded);
      options.onProgress?.({ phase: 'download', done: summary.downloaded, total: downloadTotal });
    }
    if (envelope.header.packet_no === 0 && reply.header.packet_no === 0 && (await node.pendingCount()) === 0) return summary;
  }
}

async function withRetry<T>(fn: () => Promise<T>, options: SyncOptions, summary: SyncSummary): Promise<T> {
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 60_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!(error instanceof TransientSyncError) || attempt >= (options.maxAttempts ?? Number.POSITIVE_INFINITY)) throw error;
      const delay = Math.min(cap, base * 2 ** Math.min(attempt - 1, 20));
      summary.retries += 1;
      options.onRetry?.(error, attempt, delay);
      await sleep(delay, undefined, { signal: options.signal });
    }
  }
}
