import type { RowValidationError } from '@platform/sheets';
import type { AlertSink } from './alert-sink.js';

/** A reason with the cell's own text and numbers blanked, so rows failing the same way group together. */
export function reasonKind(reason: string): string {
  return reason
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\bAA\d+\b/g, 'AA…')
    .replace(/-?\d+(\.\d+)?/g, 'N');
}

/** The most common reasons, most frequent first (ties by first seen), each with its count and an example. */
export function topReasons(invalid: readonly RowValidationError[], limit = 3): { reason: string; count: number; example: string }[] {
  const byKind = new Map<string, { reason: string; count: number; example: string }>();
  for (const e of invalid) {
    const kind = reasonKind(e.reason);
    const entry = byKind.get(kind) ?? { reason: kind, count: 0, example: e.message };
    entry.count++;
    byKind.set(kind, entry);
  }
  return [...byKind.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}

/**
 * A run where too many rows fail validation is not a quiet success (a sheet that turned date-times
 * into serials once made every row invalid): alert when the invalid share of non-blank rows passes
 * `thresholdPercent`, naming the most common reasons. Returns whether it alerted.
 */
export async function checkInvalidShare(
  alert: AlertSink,
  run: { runId: string; valid: number; invalid: readonly RowValidationError[]; thresholdPercent: number },
): Promise<boolean> {
  const total = run.valid + run.invalid.length;
  if (run.invalid.length === 0 || (run.invalid.length * 100) / total <= run.thresholdPercent) return false;
  const percent = Math.round((run.invalid.length * 1000) / total) / 10;
  const reasons = topReasons(run.invalid);
  await alert({
    type: 'invalid_rows',
    severity: percent >= 50 ? 'high' : 'medium',
    message: `${run.invalid.length} of ${total} sheet rows (${percent} %) failed validation (threshold ${run.thresholdPercent} %); most common: ${reasons.map((r) => `${r.reason} (${r.count})`).join('; ')}`,
    details: { runId: run.runId, invalid: run.invalid.length, total, percent, thresholdPercent: run.thresholdPercent, topReasons: reasons },
  });
  return true;
}
