/** Entity metadata that cannot be synced; thrown at start, before any row is read. */
export class EntityConfigError extends Error {
  override readonly name = 'EntityConfigError';
  constructor(
    readonly entity: string,
    readonly problem: string,
  ) {
    super(`entity "${entity}": ${problem}`);
  }
}

/** The dependency graph has a cycle, so no order puts every parent first. */
export class DependencyCycleError extends Error {
  override readonly name = 'DependencyCycleError';
  constructor(readonly cycle: readonly string[]) {
    super(`entity dependencies form a cycle: ${cycle.join(' -> ')}`);
  }
}

/** One entity's sync failed; the run carries on with the next entity. */
export class EntitySyncError extends Error {
  override readonly name = 'EntitySyncError';
  constructor(
    readonly entity: string,
    readonly step: 'read' | 'plan' | 'delete' | 'upsert' | 'verify',
    cause: unknown,
  ) {
    super(`entity "${entity}" failed at ${step}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
