import type { Problem } from '../api/client.js';

/** A 400's field errors keyed by field path without the `body.` prefix (`retryConfig.maxRetries`), for inputs' `error` props. */
export function fieldErrors(problem: unknown): Record<string, string> {
  const errors = (problem as Partial<Problem> | null)?.errors ?? [];
  return Object.fromEntries(errors.map((e) => [e.path.replace(/^body\.?/, ''), e.message]));
}
