/** Bad input to a forecasting function: `code` for callers to map, a message naming what and where. */
export class ForecastInputError extends Error {
  constructor(
    readonly code: 'invalid-quota' | 'invalid-input' | 'insufficient-history',
    message: string,
    /** For insufficient-history: what is missing, in plain words. */
    readonly missing: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ForecastInputError';
  }
}
