/**
 * Every way a packet or file can be refused, with a stable `code` the hub
 * returns over HTTP and the client matches on. The message says what to do.
 */
export type ProtocolErrorCode =
  | 'packet_too_large'
  | 'corrupt_packet'
  | 'invalid_envelope'
  | 'schema_version_outdated'
  | 'schema_version_incompatible'
  | 'invalid_schema_version'
  | 'unknown_entity_type'
  | 'invalid_entity'
  | 'corrupt_file';

/** Base of every protocol error; `details` is safe to send back to the node. */
export class ProtocolError extends Error {
  override readonly name: string = 'ProtocolError';
  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The compressed or decompressed body exceeds its limit (a gzip bomb is cut off here). */
export class PacketTooLargeError extends ProtocolError {
  override readonly name = 'PacketTooLargeError';
  constructor(which: 'compressed' | 'decompressed', limitBytes: number) {
    super('packet_too_large', `${which} packet exceeds ${limitBytes} bytes; lower the batch size`, { which, limitBytes });
  }
}

/** The body is not valid gzip or not JSON: damaged in transit, so the sender should retransmit. */
export class CorruptPacketError extends ProtocolError {
  override readonly name = 'CorruptPacketError';
  constructor(reason: string) {
    super('corrupt_packet', `packet is corrupt (${reason}); retransmit it`, { reason });
  }
}

/** Decoded JSON that is not the envelope; `issues` name each bad path. */
export class InvalidEnvelopeError extends ProtocolError {
  override readonly name = 'InvalidEnvelopeError';
  constructor(readonly issues: readonly string[]) {
    super('invalid_envelope', `envelope is invalid: ${issues.join('; ')}`, { issues });
  }
}

/** The peer's schema version cannot be used with ours (Properties 18, 19). */
export class SchemaVersionError extends ProtocolError {
  override readonly name = 'SchemaVersionError';
  constructor(
    code: 'schema_version_outdated' | 'schema_version_incompatible' | 'invalid_schema_version',
    message: string,
    readonly has: string,
    readonly needs: string,
  ) {
    super(code, message, { has, needs });
  }
}

/** An entity of a type nobody registered. */
export class UnknownEntityTypeError extends ProtocolError {
  override readonly name = 'UnknownEntityTypeError';
  constructor(readonly type: string, known: readonly string[]) {
    super('unknown_entity_type', `unknown entity type "${type}"; registered: ${known.join(', ') || 'none'}`, { type });
  }
}

/** Entity data that does not match its registered type. */
export class InvalidEntityError extends ProtocolError {
  override readonly name = 'InvalidEntityError';
  constructor(readonly type: string, readonly uuid: string, readonly issues: readonly string[]) {
    super('invalid_entity', `${type} ${uuid} is invalid: ${issues.join('; ')}`, { type, uuid, issues });
  }
}

/** An exchange file whose checksum or layout is wrong. */
export class CorruptFileError extends ProtocolError {
  override readonly name = 'CorruptFileError';
  constructor(reason: string) {
    super('corrupt_file', `exchange file refused: ${reason}`, { reason });
  }
}

/** `path: message` lines from zod issues, for error messages. */
export function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
}
