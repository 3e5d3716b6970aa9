/** A refusal of the exchange itself (not of one entity); `status` is the HTTP status the endpoint answers. */
export class ExchangeError extends Error {
  override readonly name = 'ExchangeError';
  constructor(
    readonly code: 'wrong_recipient' | 'sender_mismatch' | 'node_disabled' | 'unknown_node' | 'packet_gap' | 'packet_reused' | 'invalid_ack',
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
