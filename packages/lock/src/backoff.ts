/**
 * Wait before acquire attempt `attempt + 1`: exponential (`baseMs`, 2x, 4x, ...)
 * with "equal jitter" (a random half of it), so pollers that collided on one
 * device lock do not collide again in lockstep.
 */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = baseMs * 2 ** (attempt - 1);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
