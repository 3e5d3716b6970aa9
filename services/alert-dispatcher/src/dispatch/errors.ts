/** Some channels of a notification round failed; the job is retried and sent channels are skipped. */
export class ChannelDeliveryError extends Error {
  override readonly name = 'ChannelDeliveryError';
  constructor(
    readonly syncAlertId: string,
    readonly round: number,
    readonly failures: Readonly<Record<string, string>>,
  ) {
    super(
      `alert ${syncAlertId} round ${round}: ${Object.entries(failures)
        .map(([channel, error]) => `${channel} failed (${error})`)
        .join('; ')}`,
    );
  }
}
