/** An A1 range the emulator or reader cannot parse; `range` is the input as given. `googleMessage` is the API's wording. */
export class A1RangeError extends Error {
  override readonly name = 'A1RangeError';
  constructor(
    readonly range: string,
    readonly reason: string,
  ) {
    super(`Unable to parse range: ${range} (${reason})`);
  }

  get googleMessage(): string {
    return `Unable to parse range: ${this.range}`;
  }
}

/** The header row cannot be mapped: a required column is missing or a mapped header appears twice. */
export class SheetHeaderError extends Error {
  override readonly name = 'SheetHeaderError';
  constructor(
    readonly problems: string[],
    readonly headers: string[],
  ) {
    super(`sheet header row cannot be mapped: ${problems.join('; ')} (headers found: ${headers.map((h) => JSON.stringify(h)).join(', ')})`);
  }
}

/** One sheet row that failed validation; it is skipped and reported, the sync goes on. */
export class RowValidationError extends Error {
  override readonly name = 'RowValidationError';
  constructor(
    /** 1-based sheet row number, as a person sees it in the Sheets UI. */
    readonly rowNumber: number,
    readonly sellerNumber: string | null,
    readonly reason: string,
  ) {
    super(`row ${rowNumber}${sellerNumber ? ` (${sellerNumber})` : ''}: ${reason}`);
  }
}

/** A Sheets API call failed after the retries the policy allows. */
export class SheetsRequestError extends Error {
  override readonly name = 'SheetsRequestError';
  constructor(
    readonly operation: string,
    readonly status: number | null,
    readonly attempts: number,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(`Sheets ${operation} failed after ${attempts} attempt(s)${status ? ` with HTTP ${status}` : ''}: ${describe(options?.cause)}`, options);
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
