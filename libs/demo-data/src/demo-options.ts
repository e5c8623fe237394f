export type DemoSize = 'small' | 'medium' | 'large';
export const DEMO_SIZES: readonly DemoSize[] = ['small', 'medium', 'large'];

export interface DemoOptions {
  size: DemoSize;
  /** Any integer; the same seed and options give the same records, byte for byte. */
  seed: number;
  /**
   * The "now" of the data set, an ISO time with an offset: every time in the bundle is at or before it,
   * and the history spans the two years before it. Fixed by default so output never depends on the clock.
   */
  asOf?: string;
}

export const DEFAULT_AS_OF = '2026-11-01T00:00:00.000Z';
export const HISTORY_DAYS = 730;

export interface SizeProfile {
  contacts: number;
  /** Reps per sales team, plus customer-success managers. */
  reps: { SMB: number; 'Mid-Market': number; Enterprise: number; 'Customer Success': number };
}

/** `large` is sized so that about a million activities come out. */
export const SIZE_PROFILES: Record<DemoSize, SizeProfile> = {
  small: { contacts: 2_000, reps: { SMB: 4, 'Mid-Market': 3, Enterprise: 2, 'Customer Success': 2 } },
  medium: { contacts: 20_000, reps: { SMB: 10, 'Mid-Market': 8, Enterprise: 6, 'Customer Success': 5 } },
  large: { contacts: 30_500, reps: { SMB: 14, 'Mid-Market': 10, Enterprise: 7, 'Customer Success': 6 } },
};
