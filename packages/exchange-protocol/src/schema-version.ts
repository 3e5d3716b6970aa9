import { SchemaVersionError } from './errors.js';

export interface SchemaVersionPolicy {
  /** The version this side writes, e.g. `1.2.0`. */
  current: string;
  /** The oldest peer version still accepted; same major as `current`. */
  minimum: string;
}

type Semver = readonly [number, number, number];

function parse(version: string): Semver | undefined {
  const m = /^(\d{1,6})\.(\d{1,6})\.(\d{1,6})$/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function compare(a: Semver, b: Semver): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * The compatibility rule (Properties 17-21): a peer is compatible when its
 * major equals ours and it is at least `minimum`. Older is "outdated" (the
 * node must update); another major is "incompatible" either way.
 *
 * @example
 * checkSchemaVersion('1.0.0', { current: '1.2.0', minimum: '1.1.0' }); // throws schema_version_outdated
 */
export function checkSchemaVersion(peer: string, policy: SchemaVersionPolicy): void {
  const ours = parse(policy.current);
  const min = parse(policy.minimum);
  if (!ours || !min || min[0] !== ours[0] || compare(min, ours) > 0) {
    throw new RangeError(`bad schema version policy ${JSON.stringify(policy)}: minimum must be <= current, same major`);
  }
  const needs = `>= ${policy.minimum} and < ${ours[0] + 1}.0.0`;
  const theirs = parse(peer);
  if (!theirs) {
    throw new SchemaVersionError('invalid_schema_version', `schema version "${peer}" is not MAJOR.MINOR.PATCH; this hub needs ${needs}`, peer, needs);
  }
  if (theirs[0] !== ours[0]) {
    throw new SchemaVersionError(
      'schema_version_incompatible',
      `schema version ${peer} is incompatible: this hub speaks ${policy.current} and needs ${needs}; ` +
        (theirs[0] < ours[0] ? 'update the node' : 'the hub must be upgraded first'),
      peer,
      needs,
    );
  }
  if (compare(theirs, min) < 0) {
    throw new SchemaVersionError(
      'schema_version_outdated',
      `schema version ${peer} is outdated: this hub needs ${needs}; update the node`,
      peer,
      needs,
    );
  }
}
