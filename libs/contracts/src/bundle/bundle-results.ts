import type { RecordType } from './bundle-entities';

/** One problem found in a bundle: which line, which field (dotted path, `$` for the line itself), why. */
export interface BundleLineError {
  line: number;
  field: string;
  reason: string;
}

export interface EntityImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

export interface BundleImportResult {
  lines: number;
  records: number;
  deletes: number;
  entities: Partial<Record<RecordType, EntityImportCounts>>;
  durationMs: number;
}

/** The body of a refused import (`application/problem+json` over REST, stderr JSON in the CLI). */
export interface BundleImportProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: BundleLineError[];
  errorCount: number;
  truncated: boolean;
}

export interface BundleImportProgress {
  phase: 'reading' | 'checking' | 'writing' | 'done';
  lines: number;
  bytes: number;
}
