/**
 * The schema version this code writes. Bump MINOR for an added optional field
 * or type, MAJOR for anything an older node would misread.
 */
export const SCHEMA_VERSION = { current: '1.2.0', minimum: '1.1.0' } as const;
